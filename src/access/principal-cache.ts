import type { Role } from '../common/roles';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';

/** An unrevoked API key of a lender organisation, with its organisation. */
export interface PrincipalApiKeyRow {
  id: string;
  name: string;
  organizationId: string;
  organizationName: string;
}

/** What a principal is made of: the columns of `users` that AuthService reads. */
export interface PrincipalUserRow {
  id: string;
  role: Role;
  name: string;
  organizationId: string | null;
  /** Every credential carries it; a password change or deactivation raises it. */
  tokenVersion: number;
}

/** Accounts kept at most; the oldest go first (a Map iterates in insertion order). */
const MAX_ENTRIES = 10_000;

/**
 * The callers this process looked up in the last PRINCIPAL_CACHE_SECONDS, by account, with
 * the token version their row had: every authenticated request needs its caller, and the
 * same few thousand people ask many times a minute (docs/security.md "Sessions"). A token
 * whose version differs from the kept row's is looked up again, and this process forgets an
 * account as soon as it changes its credentials (AccountService), so here a deactivation or a
 * password change takes effect on the next request (so does closing one's own account,
RightsService, and revoking an API key, OrganizationsService). Another instance keeps its own entry at
 * most PRINCIPAL_CACHE_SECONDS. Measured on the process's monotonic clock, not the
 * application's Clock (which tests move by days).
 */
@Injectable()
export class PrincipalCache {
  private readonly rows = new Map<string, { row: PrincipalUserRow; until: number }>();
  /** By the key's SHA-256: what a request presents. */
  private readonly keys = new Map<string, { row: PrincipalApiKeyRow; until: number }>();
  private readonly seconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.seconds = config.principalCacheSeconds;
  }

  get(id: string): PrincipalUserRow | null {
    const hit = this.rows.get(id);
    if (!hit) return null;
    if (hit.until > performance.now()) return hit.row;
    this.rows.delete(id);
    return null;
  }

  set(row: PrincipalUserRow): void {
    if (this.seconds <= 0) return;
    this.rows.delete(row.id);
    if (this.rows.size >= MAX_ENTRIES) this.rows.delete(this.rows.keys().next().value as string);
    this.rows.set(row.id, { row, until: performance.now() + this.seconds * 1000 });
  }

  forget(id: string): void {
    this.rows.delete(id);
  }

  key(keyHash: string): PrincipalApiKeyRow | null {
    const hit = this.keys.get(keyHash);
    if (!hit) return null;
    if (hit.until > performance.now()) return hit.row;
    this.keys.delete(keyHash);
    return null;
  }

  setKey(keyHash: string, row: PrincipalApiKeyRow): void {
    if (this.seconds <= 0) return;
    this.keys.delete(keyHash);
    if (this.keys.size >= MAX_ENTRIES) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(keyHash, { row, until: performance.now() + this.seconds * 1000 });
  }

  /** A key revoked here: refused from the next request on (a rare act: a scan is fine). */
  forgetKey(keyId: string): void {
    for (const [hash, hit] of this.keys) if (hit.row.id === keyId) this.keys.delete(hash);
  }
}
