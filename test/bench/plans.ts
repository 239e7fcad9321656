import { Client } from 'pg';
import type { CapturedStatement } from './pg-capture';

export interface ExplainedStatement {
  sql: string;
  params: (string | null)[];
  /** EXPLAIN (ANALYZE, BUFFERS) of a read, on a warm cache; null for writes and transaction control. */
  plan: string | null;
  /** The indexes the plan reads, with their definitions. */
  indexes: { name: string; definition: string }[];
  executionMs: number | null;
}

export interface OperationPlans {
  key: string;
  label: string;
  path: string;
  /** Every statement the service sent for one request, in order. */
  statements: ExplainedStatement[];
}

/** Statements of the job worker's own polling, which share the service's pool. */
const WORKER = /graphile_worker|_private_jobs|get_job|pg_notify/i;

const executionMs = (plan: string) => {
  const m = /Execution Time: ([\d.]+) ms/.exec(plan);
  return m ? Number(m[1]) : null;
};

export const isRead = (sql: string) =>
  /^\s*(SELECT|WITH)\b/i.test(sql) && !/\bFOR\s+(UPDATE|SHARE|NO KEY UPDATE)\b/i.test(sql);

export function requestStatements(captured: CapturedStatement[]): CapturedStatement[] {
  return captured.filter((s) => !WORKER.test(s.sql));
}

/**
 * Explains each read as the service sent it (text and parameters from the wire), run once
 * before to warm the cache, in a read-only transaction that is rolled back.
 */
export async function explain(
  db: Client,
  statements: CapturedStatement[],
): Promise<ExplainedStatement[]> {
  const out: ExplainedStatement[] = [];
  for (const s of statements) {
    if (!isRead(s.sql)) {
      out.push({ ...s, plan: null, indexes: [], executionMs: null });
      continue;
    }
    await db.query('BEGIN READ ONLY');
    try {
      await db.query(s.sql, s.params);
      // Best of three: on a shared machine a single run can be descheduled mid-plan.
      let plan = '';
      for (let run = 0; run < 3; run++) {
        const { rows } = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`,
          s.params,
        );
        const text = rows.map((r) => r['QUERY PLAN']).join('\n');
        if (!plan || (executionMs(text) ?? Infinity) < (executionMs(plan) ?? Infinity)) plan = text;
      }
      const names = [
        ...new Set(
          [...plan.matchAll(/(?:using|Bitmap Index Scan on) "?(\w+)"?/g)].map((m) => m[1]),
        ),
      ];
      const defs = await db.query<{ name: string; definition: string }>(
        `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE indexname = ANY($1)`,
        [names],
      );
      const indexes = names.map(
        (n) => defs.rows.find((d) => d.name === n) ?? { name: n, definition: '' },
      );
      out.push({ ...s, plan, indexes, executionMs: executionMs(plan) });
    } finally {
      await db.query('ROLLBACK');
    }
  }
  return out;
}
