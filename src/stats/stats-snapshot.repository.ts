import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The stored figures of a scope, and when they were computed. */
export interface StoredSnapshot<T> {
  computedAt: Date;
  body: T;
}

// The advisory locks' class (the first key; users' are 4271914 and 4271915): one per scope.
const STATS_LOCK = 4_271_916;

/** The `stats_snapshots` rows: read, locked for computing, written. */
@Injectable()
export class StatsSnapshotRepository {
  async read<T>(manager: EntityManager, scope: string): Promise<StoredSnapshot<T> | null> {
    const [row]: { computed_at: Date; body: T }[] = await manager.query(
      'SELECT computed_at, body FROM stats_snapshots WHERE scope = $1',
      [scope],
    );
    return row ? { computedAt: row.computed_at, body: row.body } : null;
  }

  /**
   * Waits until no one else computes this scope's figures, and holds that until the
   * transaction ends: concurrent first requests compute once, the others then read the row.
   */
  async lock(manager: EntityManager, scope: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [STATS_LOCK, scope]);
  }

  async store(manager: EntityManager, scope: string, computedAt: Date, body: unknown) {
    await manager.query(
      `INSERT INTO stats_snapshots (scope, computed_at, body) VALUES ($1, $2, $3::json)
       ON CONFLICT (scope) DO UPDATE SET computed_at = EXCLUDED.computed_at, body = EXCLUDED.body`,
      [scope, computedAt, JSON.stringify(body)],
    );
  }
}
