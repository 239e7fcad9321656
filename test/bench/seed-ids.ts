import { createHash } from 'node:crypto';

/**
 * Seeded rows have ids derived from what they are (`md5('bench-borrower-17')::uuid` in SQL), so
 * the bench names the people and cases it needs without a lookup, and every seed of the same
 * size holds the same rows.
 */
export type SeedKind =
  | 'case'
  | 'borrower'
  | 'clerk'
  | 'mediator'
  | 'lender-rep'
  | 'admin'
  | 'lender'
  | 'centre'
  | 'api-key';

export function seedId(kind: SeedKind, n: number): string {
  const h = createHash('md5').update(`bench-${kind}-${n}`).digest('hex');
  // Version 4, variant 1, as gen_random_uuid() makes them: the API's id checks want that.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

/** The SQL twin of seedId: `n` is an SQL expression. */
export const seedIdSql = (kind: SeedKind, n: string) =>
  `overlay(overlay(md5('bench-${kind}-' || (${n})) placing '4' from 13) placing '8' from 17)::uuid`;

/** Every seeded account's password (one argon2 hash for all, so seeding stays fast). */
export const SEED_PASSWORD = 'bench-password-2026';

/** The API key of lender n: `bench-api-key-<n>`, stored as its SHA-256 like any key. */
export const seedApiKey = (n: number) => `bench-api-key-${n}-0123456789abcdef`;

/** Two mediation centres; mediators 1–30 work for the first, 31–50 for the second. */
export const CENTRES = 2;
export const CLERKS_PER_CENTRE = 5;
export const REPS_PER_LENDER = 2;

export function mediatorCentre(mediator: number, mediators: number): number {
  return mediator <= Math.round(mediators * 0.6) ? 1 : 2;
}
