import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Chunk, TableLoad } from './seed-sql';

/** The bulk-loading tools of the seed. */

export interface Saved {
  constraints: string[];
  foreignKeys: string[];
  indexes: string[];
  drops: string[];
}

/**
 * Bulk loads are several times faster into bare tables: save the definitions of the keys and
 * indexes of the big tables (and of the foreign keys pointing at them), drop them, and build
 * them again afterwards from the same definitions, so the schema ends as the migrations left it.
 */
export async function dropKeysAndIndexes(db: Client, tables: string[]): Promise<Saved> {
  const rel = `(SELECT ('public.' || t)::regclass FROM unnest($1::text[]) t)`;
  const constraints = await db.query<{ tbl: string; name: string; def: string; contype: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def, contype
       FROM pg_constraint
      WHERE contype IN ('p', 'u', 'f', 'x')
        AND (conrelid IN ${rel} OR (contype = 'f' AND confrelid IN ${rel}))`,
    [tables],
  );
  const indexes = await db.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid IN ${rel}
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  const add = (c: { tbl: string; name: string; def: string }) =>
    `ALTER TABLE ${c.tbl} ADD CONSTRAINT "${c.name}" ${c.def}`;
  const fks = constraints.rows.filter((c) => c.contype === 'f');
  const keys = constraints.rows.filter((c) => c.contype !== 'f');
  const drops = [
    ...fks.map((c) => `ALTER TABLE ${c.tbl} DROP CONSTRAINT "${c.name}"`),
    ...keys.map((c) => `ALTER TABLE ${c.tbl} DROP CONSTRAINT "${c.name}"`),
    ...indexes.rows.map((i) => `DROP INDEX ${i.name}`),
  ];
  for (const sql of drops) await db.query(sql);
  return {
    constraints: keys.map(add),
    indexes: indexes.rows.map((i) => i.def),
    foreignKeys: fks.map(add),
    drops,
  };
}

/** A connection set up for bulk work. */
export async function bulkConnection(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  // Nothing here needs to survive a crash: a failed seed is seeded again.
  await c.query(`SET synchronous_commit = off`);
  await c.query(`SET maintenance_work_mem = '512MB'`);
  await c.query(`SET max_parallel_maintenance_workers = 0`);
  await c.query(`SET work_mem = '256MB'`);
  return c;
}

/** Runs the statements on the connections, each taking the next one when it is free. */
export async function shared(conns: Client[], statements: string[]): Promise<void> {
  const queue = [...statements];
  await Promise.all(
    conns.map(async (c) => {
      for (let sql = queue.shift(); sql !== undefined; sql = queue.shift()) await c.query(sql);
    }),
  );
}

export function chunks(cases: number, size = 50_000): Chunk[] {
  return Array.from({ length: Math.ceil(cases / size) }, (_, k) => ({
    lo: k * size + 1,
    hi: Math.min(cases, (k + 1) * size),
  }));
}

/**
 * Fills a table from SQL that PostgreSQL evaluates itself: `COPY (SELECT …) TO STDOUT` on one
 * connection streamed into `COPY … FROM STDIN (FREEZE)` on another, so generating and storing
 * run on both cores. The table is truncated in the same transaction, which is what lets COPY
 * store the rows frozen and all-visible: no hint bits to set afterwards (each of which would
 * write the whole page to the WAL again, with checksums on), and next to nothing to vacuum.
 */
export async function load(
  source: Client,
  target: Client,
  l: TableLoad,
  parts: Chunk[],
  fill: (s: string) => string,
) {
  await target.query('BEGIN');
  // The timeline refuses TRUNCATE (append-only); it is empty here, and the trigger is back on
  // before the transaction commits.
  await target.query(`ALTER TABLE ${l.table} DISABLE TRIGGER USER`);
  await target.query(`TRUNCATE ${l.table}`);
  for (const part of parts) {
    await pipeline(
      source.query(
        copyTo(`COPY (${fill(l.select(part))}) TO STDOUT (FORMAT ${l.format ?? 'binary'})`),
      ),
      target.query(
        copyFrom(
          `COPY ${l.table} (${l.columns}) FROM STDIN (FORMAT ${l.format ?? 'binary'}, FREEZE)`,
        ),
      ),
    );
  }
  await target.query(`ALTER TABLE ${l.table} ENABLE TRIGGER USER`);
  await target.query('COMMIT');
}
