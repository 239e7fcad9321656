import { ConfigError } from './config-error';

/** How many of each costly request one caller may make per hour (the limits beside login). */
export interface AbuseLimits {
  /** REGISTRATIONS_PER_HOUR: sign-ups per client address. */
  registrationsPerHour: number;
  /** FILINGS_PER_HOUR: cases filed per borrower. */
  filingsPerHour: number;
  /** UPLOADS_PER_HOUR: evidence files uploaded per borrower. */
  uploadsPerHour: number;
  /** VERIFICATIONS_PER_HOUR: public checks of a code (`/verify`) per client address. */
  verificationsPerHour: number;
}

type Env = Record<string, string | undefined>;

function perHour(env: Env, name: string, dflt: number): number {
  const raw = env[name]?.trim();
  if (!raw) return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) {
    throw new ConfigError(name, `expected a whole number from 1 to 1000000, got "${raw}"`);
  }
  return Number(raw);
}

export function parseAbuseLimits(env: Env): AbuseLimits {
  return {
    registrationsPerHour: perHour(env, 'REGISTRATIONS_PER_HOUR', 10),
    filingsPerHour: perHour(env, 'FILINGS_PER_HOUR', 10),
    uploadsPerHour: perHour(env, 'UPLOADS_PER_HOUR', 60),
    verificationsPerHour: perHour(env, 'VERIFICATIONS_PER_HOUR', 60),
  };
}
