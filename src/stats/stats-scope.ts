import type { Principal } from '../access/principal';

/**
 * Whose figures: the cases the visibility rule (src/cases/case-visibility.ts) lets the caller
 * see, named so that callers who see the same cases share one snapshot. An admin sees every
 * case (`all`), a clerk the cases of their centre (`centre:<id>`). The other roles have no
 * statistics (the routes refuse them before this).
 */
export type StatsScope =
  { key: 'all'; centreId: null } | { key: `centre:${string}`; centreId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const centre = (centreId: string): StatsScope => ({ key: `centre:${centreId}`, centreId });

/** The caller's scope; throws for a role without statistics. */
export function statsScope(p: Principal): StatsScope {
  if (p.role === 'admin') return { key: 'all', centreId: null };
  if (p.role === 'clerk' && p.kind === 'user') return centre(p.organizationId);
  throw new Error(`statistics are not scoped for the role ${p.role}`);
}

/** A scope from its key (a refresh job's payload); null for anything else. */
export function parseStatsScope(key: unknown): StatsScope | null {
  if (key === 'all') return { key: 'all', centreId: null };
  if (typeof key !== 'string' || !key.startsWith('centre:')) return null;
  const id = key.slice('centre:'.length);
  return UUID.test(id) ? centre(id) : null;
}

/**
 * The principal the visibility rule scopes exactly as `scope`: an admin, or a clerk of the
 * centre. The rule reads only the role and, for a clerk, the organisation (stats-scope.spec.ts
 * holds it to that), so a refresh job computes what the callers of the scope would see.
 */
export function scopePrincipal(scope: StatsScope): Principal {
  const base = { kind: 'user', userId: '', apiKeyId: null, name: scope.key } as const;
  return scope.centreId === null
    ? { ...base, role: 'admin', organizationId: null }
    : { ...base, role: 'clerk', organizationId: scope.centreId };
}
