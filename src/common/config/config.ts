import { Duration } from 'luxon';
import { parsePeriod, Period } from '../period';
import { ConfigError } from './config-error';
import { parseTrustProxy } from './trust-proxy';
import { parseAbuseLimits } from './abuse-limits';
import { parsePasswordHashCost } from './password-hash-cost';
import type { PasswordHashCost } from './password-hash-cost';
import type { AbuseLimits } from './abuse-limits';
import type { TrustProxy } from './trust-proxy';

/** The service's configuration, read once at boot (api.md "Configuration"). */
export interface AppConfig {
  nodeEnv: string;
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  /** Null until resolved: in development it is generated and kept in DATA_DIR. */
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  adminEmail: string | null;
  adminPassword: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  publicBaseUrl: string;
  /** LENDER_RESPONSE_WINDOW as the law counts it: `7wd` working days or `P7D` calendar days. */
  lenderResponsePeriod: Period;
  /** MEDIATION_TERM, the same forms. */
  mediationTermPeriod: Period;
  /**
   * The two periods as plain spans of `length` days (working days read as calendar days), kept
   * only until every caller counts with the periods above on the official calendar.
   */
  lenderResponseWindow: Duration;
  mediationTerm: Duration;
  sessionReminderBefore: Duration;
  /** PLAN_REMINDER_DAYS: how many days before an installment's due date the borrower is reminded. */
  planReminderDays: number;
  deadlineSweepMs: number;
  /** STATS_REFRESH_SECONDS: a statistics snapshot younger than this is answered as it is. */
  statsRefreshSeconds: number;
  /** STATS_MAX_AGE_SECONDS: one older than this is computed again before answering. */
  statsMaxAgeSeconds: number;
  /** PRINCIPAL_CACHE_SECONDS: how long a process reuses a caller's row (0: never). */
  principalCacheSeconds: number;
  mailMaxAttempts: number;
  webhookMaxAttempts: number;
  /** Hosts (name or IP) that webhooks may target although they are private or loopback. */
  webhookAllowedHosts: string[];
  logLevel: string;
  /** Run the job worker (mail, webhooks, reminders) in this process. */
  runWorker: boolean;
  /** The mediation centres' certificates for the electronic seal (src/seal/). */
  seal: SealConfig;
  /** TRUST_PROXY: which proxies' X-Forwarded-For gives the client's address (the limits use it). */
  trustProxy: TrustProxy;
  /** Sign-ups per address, filings and uploads per borrower, per hour. */
  limits: AbuseLimits;
  /** argon2id's memory and passes for new password hashes. */
  passwordHashCost: PasswordHashCost;
  /** Who the privacy notice names as the personal-information handler, and its contact. */
  privacyController: PrivacyControllerConfig;
}

/** PRIVACY_CONTROLLER_NAME, PRIVACY_CONTROLLER_ADDRESS, PRIVACY_CONTACT_EMAIL, PRIVACY_CONTACT_PHONE. */
export interface PrivacyControllerConfig {
  name: string;
  address: string;
  contactEmail: string;
  contactPhone: string | null;
}

/** A PKCS#12 file and its password, with the variables that named them (for errors). */
export interface SealP12Source {
  path: string;
  password: string;
  pathVariable: string;
  passwordVariable: string;
}

/**
 * `SEAL_P12_PATH`/`SEAL_P12_PASSWORD` seal for every centre; `SEAL_P12_PATH_<centre id>` and
 * `SEAL_P12_PASSWORD_<centre id>` (the id's `-` written `_`) give one centre its own. Without
 * a default outside production, each centre gets a generated development certificate.
 */
export interface SealConfig {
  default: SealP12Source | null;
  /** By mediation centre id (lower case, with dashes). */
  centres: Record<string, SealP12Source>;
}

export { ConfigError };

type Env = Record<string, string | undefined>;

/** The development admin, as in .env.example. */
export const DEV_ADMIN = { email: 'admin@mediation.local', password: 'change-me-admin-2026' };

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function duration(env: Env, name: string, dflt: string): Duration {
  const raw = str(env, name) ?? dflt;
  const d = Duration.fromISO(raw);
  if (!d.isValid || d.toMillis() <= 0) {
    throw new ConfigError(
      name,
      `expected a positive ISO 8601 duration such as ${dflt}, got "${raw}"`,
    );
  }
  return d;
}

function period(env: Env, name: string, dflt: string): Period {
  const raw = str(env, name) ?? dflt;
  const parsed = parsePeriod(raw);
  if (!parsed) {
    throw new ConfigError(
      name,
      `expected working days such as 7wd or calendar days such as P30D (1 to 366), got "${raw}"`,
    );
  }
  return parsed;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected a URL starting with ${protocols.join(' or ')}`);
  }
  return raw;
}

function bool(env: Env, name: string, dflt: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return dflt;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sealSource(env: Env, suffix: string): SealP12Source | null {
  const pathVariable = `SEAL_P12_PATH${suffix}`;
  const passwordVariable = `SEAL_P12_PASSWORD${suffix}`;
  const path = str(env, pathVariable);
  // A password is taken as written: spaces may belong to it.
  const password = env[passwordVariable] === '' ? undefined : env[passwordVariable];
  if (path === undefined && password === undefined) return null;
  if (path === undefined) throw new ConfigError(pathVariable, `required with ${passwordVariable}`);
  if (password === undefined) {
    throw new ConfigError(passwordVariable, `required with ${pathVariable}`);
  }
  return { path, password, pathVariable, passwordVariable };
}

function sealConfig(env: Env, nodeEnv: string): SealConfig {
  const dflt = sealSource(env, '');
  if (nodeEnv === 'production' && !dflt) {
    throw new ConfigError('SEAL_P12_PATH', 'required when NODE_ENV=production');
  }
  const centres: Record<string, SealP12Source> = {};
  const suffixes = Object.keys(env)
    .sort()
    .flatMap((variable) => {
      const suffix = /^SEAL_P12_(?:PATH|PASSWORD)_(.+)$/.exec(variable)?.[1];
      return suffix ? [{ variable, suffix }] : [];
    });
  for (const { variable, suffix } of suffixes) {
    const id = suffix.toLowerCase().replace(/_/g, '-');
    if (!UUID.test(id)) {
      throw new ConfigError(
        variable,
        'expected a mediation centre id after SEAL_P12_PATH_ or SEAL_P12_PASSWORD_, with _ for -',
      );
    }
    const source = sealSource(env, `_${suffix}`);
    if (source) centres[id] = source;
  }
  return { default: dflt, centres };
}

/** The statistics' freshness (docs/performance.md "Statistics"); 0 and 0: always computed. */
function statsAges(env: Env): { statsRefreshSeconds: number; statsMaxAgeSeconds: number } {
  const statsRefreshSeconds = int(env, 'STATS_REFRESH_SECONDS', 60, 0, 86_400);
  const statsMaxAgeSeconds = int(env, 'STATS_MAX_AGE_SECONDS', 900, 0, 604_800);
  if (statsMaxAgeSeconds < statsRefreshSeconds) {
    throw new ConfigError(
      'STATS_MAX_AGE_SECONDS',
      `must be at least STATS_REFRESH_SECONDS (${statsRefreshSeconds}), got "${statsMaxAgeSeconds}"`,
    );
  }
  return { statsRefreshSeconds, statsMaxAgeSeconds };
}

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function parseConfig(env: Env): AppConfig {
  const nodeEnv = str(env, 'NODE_ENV') ?? 'development';
  const port = int(env, 'PORT', 3000, 0, 65535);
  const jwtSecret = str(env, 'JWT_SECRET') ?? null;
  if (nodeEnv === 'production' && !jwtSecret) {
    throw new ConfigError('JWT_SECRET', 'required when NODE_ENV=production');
  }
  if (jwtSecret && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  const lenderResponsePeriod = period(env, 'LENDER_RESPONSE_WINDOW', 'P7D');
  const mediationTermPeriod = period(env, 'MEDIATION_TERM', 'P30D');
  const publicBaseUrl = (
    url(env, 'PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`
  ).replace(/\/+$/, '');
  return {
    nodeEnv,
    port,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']) ?? null,
    dataDir: str(env, 'DATA_DIR') ?? './.data',
    jwtSecret,
    jwtTtlSeconds: duration(env, 'JWT_TTL', 'PT1H').as('seconds'),
    // Development falls back to the admin of .env.example, so a fresh clone can sign in.
    adminEmail:
      str(env, 'ADMIN_EMAIL')?.toLowerCase() ?? (nodeEnv === 'production' ? null : DEV_ADMIN.email),
    adminPassword:
      str(env, 'ADMIN_PASSWORD') ?? (nodeEnv === 'production' ? null : DEV_ADMIN.password),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']) ?? null,
    mailFrom: str(env, 'MAIL_FROM') ?? '调解中心 <no-reply@mediation.local>',
    publicBaseUrl,
    lenderResponsePeriod,
    mediationTermPeriod,
    lenderResponseWindow: Duration.fromObject({ days: lenderResponsePeriod.length }),
    mediationTerm: Duration.fromObject({ days: mediationTermPeriod.length }),
    sessionReminderBefore: duration(env, 'SESSION_REMINDER_BEFORE', 'PT24H'),
    planReminderDays: int(env, 'PLAN_REMINDER_DAYS', 3, 0, 60),
    deadlineSweepMs: int(env, 'DEADLINE_SWEEP_MS', 60000, 100, 86_400_000),
    ...statsAges(env),
    principalCacheSeconds: int(env, 'PRINCIPAL_CACHE_SECONDS', 5, 0, 60),
    mailMaxAttempts: int(env, 'MAIL_MAX_ATTEMPTS', 10, 1, 25),
    webhookMaxAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', 10, 1, 25),
    webhookAllowedHosts: (str(env, 'WEBHOOK_ALLOWED_HOSTS') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    logLevel: str(env, 'LOG_LEVEL') ?? 'info',
    runWorker: bool(env, 'RUN_WORKER', true),
    seal: sealConfig(env, nodeEnv),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    limits: parseAbuseLimits(env),
    passwordHashCost: parsePasswordHashCost(env, nodeEnv),
    privacyController: {
      name: str(env, 'PRIVACY_CONTROLLER_NAME') ?? '调解中心',
      address: str(env, 'PRIVACY_CONTROLLER_ADDRESS') ?? '（未配置地址）',
      contactEmail: str(env, 'PRIVACY_CONTACT_EMAIL') ?? 'privacy@mediation.local',
      contactPhone: str(env, 'PRIVACY_CONTACT_PHONE') ?? null,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
