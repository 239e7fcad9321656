import type { Client } from 'pg';

/**
 * What PostgreSQL's statements did in the bench database, summed over every statement
 * `pg_stat_statements` has seen there: how many ran, the time they spent executing (not
 * planning: `track_planning` stays off, it serialises identical statements on a lock) and the
 * shared buffers they touched. The embedded cluster preloads the module
 * (src/database/embedded-postgres.ts); a server given by DATABASE_URL may not have it.
 */
export interface StatementWork {
  calls: number;
  execMs: number;
  /** Shared buffers hit or read. */
  blocks: number;
}

/** The extension in the bench database, if the server loaded its library; false otherwise. */
export async function enableStatementStats(db: Client): Promise<boolean> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
    return true;
  } catch {
    return false;
  }
}

/** The totals so far; the sampler's own statement is left out. */
export async function statementWork(db: Client): Promise<StatementWork> {
  const { rows } = await db.query<StatementWork>(
    `SELECT coalesce(sum(calls), 0)::float8 AS "calls",
            coalesce(sum(total_exec_time), 0)::float8 AS "execMs",
            coalesce(sum(shared_blks_hit + shared_blks_read), 0)::float8 AS "blocks"
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%pg\\_stat\\_statements%'`,
  );
  return rows[0];
}

/** What ran between two samples, per request. */
export function perRequest(
  before: StatementWork,
  after: StatementWork,
  requests: number,
): StatementWork | null {
  if (requests <= 0) return null;
  const each = (k: keyof StatementWork) => (after[k] - before[k]) / requests;
  return { calls: each('calls'), execMs: each('execMs'), blocks: each('blocks') };
}
