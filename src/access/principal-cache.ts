import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import type { Role } from '../common/roles';

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

/** Entries kept at most per kind; the oldest go first (a Map iterates in insertion order). */
const MAX_ENTRIES = 10_000;

/** Rows by key for `seconds`, on the process's monotonic clock; at most 10,000, oldest out. */
export class Expiring<T> {
  private readonly entries = new Map<string, { row: T; until: number }>();

  constructor(private readonly seconds: number) {}

  get(key: string): T | null {
    const hit = this.entries.get(key);
    if (!hit) return null;
    if (hit.until > performance.now()) return hit.row;
    this.entries.delete(key);
    return null;
  }

  set(key: string, row: T): void {
    if (this.seconds <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { row, until: performance.now() + this.seconds * 1000 });
  }

  /** Drops the entries whose row matches (a rare act: a scan is fine). */
  deleteWhere(matches: (row: T) => boolean): void {
    for (const [key, hit] of this.entries) if (matches(hit.row)) this.entries.delete(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/**
 * The callers this process looked up in the last PRINCIPAL_CACHE_SECONDS: accounts by id,
 * with the token version their row had, and API keys by their SHA-256. Every authenticated
 * request needs its caller, and the same few thousand people ask many times a minute. A
 * token whose version differs from the kept row's is looked up again. This process forgets
 * an entry once a change to it is committed here (AccountService: deactivation, password
 * change and reset; RightsService: closing one's own account; OrganizationsService: revoking
 * a key), so here the change takes effect on the next request; another instance keeps its
 * own entry at most PRINCIPAL_CACHE_SECONDS (docs/scaling.md). Measured on the monotonic
 * clock, not the application's Clock (which tests move by days).
 */
@Injectable()
export class PrincipalCache {
  private readonly users: Expiring<PrincipalUserRow>;
  private readonly keys: Expiring<PrincipalApiKeyRow>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.users = new Expiring(config.principalCacheSeconds);
    this.keys = new Expiring(config.principalCacheSeconds);
  }

  get(id: string): PrincipalUserRow | null {
    return this.users.get(id);
  }

  set(row: PrincipalUserRow): void {
    this.users.set(row.id, row);
  }

  forget(id: string): void {
    this.users.delete(id);
  }

  key(keyHash: string): PrincipalApiKeyRow | null {
    return this.keys.get(keyHash);
  }

  setKey(keyHash: string, row: PrincipalApiKeyRow): void {
    this.keys.set(keyHash, row);
  }

  forgetKey(keyId: string): void {
    this.keys.deleteWhere((row) => row.id === keyId);
  }
}
