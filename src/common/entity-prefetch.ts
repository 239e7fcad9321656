import { AsyncLocalStorage } from 'node:async_hooks';
import { types } from 'pg';
import type { EntityManager } from 'typeorm';
import { queryNamed } from './prepared-statement';

type Row = Record<string, unknown>;
/** What a prefetch needs of a read (an `EntityRead`, entity-read.ts; named so, not imported). */
interface AnyRead {
  many(m: EntityManager, params: unknown[]): Promise<unknown[]>;
  prefetchColumn(m: EntityManager): { sql: string; table: string; keys: string[] } | null;
}

interface Prefetch {
  key: unknown;
  rows: Map<AnyRead, Promise<Row[]>>;
}

const scope = new AsyncLocalStorage<{ current: Prefetch | null }>();

/** The reads whose one parameter (`$1`) is a case's id: a page of one case prefetches them. */
export const CASE_KEYED_READS: AnyRead[] = [];

/** Registers `read` (its only parameter, `$1`, a case id) among the reads a case page prefetches. */
export function caseKeyed<T extends AnyRead>(read: T): T {
  CASE_KEYED_READS.push(read);
  return read;
}

/**
 * Runs `run` in a scope where `prefetch` may be called: a page that shows what several
 * services answer for one case, each reading its own rows by the case's id, then sends one
 * statement for all of those reads instead of one each. The services and their rules are the
 * same as for the API routes; only the round trips are shared, and only while `run` runs.
 */
export function prefetching<T>(run: () => Promise<T>): Promise<T> {
  return scope.run({ current: null }, run);
}

/** The rows prefetched for `read` with these parameters in this scope, if any. */
export function prefetched(read: AnyRead, params: unknown[]): Promise<Row[]> | undefined {
  const p = scope.getStore()?.current;
  if (!p || params.length !== 1 || params[0] !== p.key) return undefined;
  return p.rows.get(read);
}

/**
 * Starts reading `reads` for `key` in one statement; from then on in this `prefetching`
 * scope, each read's `many(m, [key])` outside a transaction answers from it. Outside a scope
 * it does nothing. Each row comes as its columns' text output, parsed by `pg`'s own parser for
 * the column's type, so the rows are those the read itself would have got. Call it only once
 * the caller is known to see the case: the rows are not checked again.
 */
export function prefetch(m: EntityManager, reads: readonly AnyRead[], key: string): void {
  const store = scope.getStore();
  if (!store) return;
  const statement = statementOf(m, reads);
  const { columns, sql } = statement;
  const all = (async () => {
    const parsers = (statement.parsers ??= await Promise.all(
      columns.map((c) => parsersOf(m, c.table, c.keys)),
    ));
    const [row] = await queryNamed(m, sql, [key]);
    return columns.map((c, i) =>
      (row[`r${i}`] as (string | null)[][]).map((cells) => {
        const out: Row = {};
        c.keys.forEach((k, j) => {
          const text = cells[j];
          out[k] = text === null ? null : parsers[i][j](text);
        });
        return out;
      }),
    );
  })();
  const rows = new Map(
    columns.map((c, i) => {
      const mine = all.then((r) => r[i]);
      // Whoever reads it sees a failure; a read the page did not make must not crash the process.
      mine.catch(() => undefined);
      return [c.read, mine] as const;
    }),
  );
  store.current = { key, rows };
}

interface Statement {
  columns: ({ read: AnyRead } & NonNullable<ReturnType<AnyRead['prefetchColumn']>>)[];
  sql: string;
  /** Each column's parser, by read: known after the first prefetch. */
  parsers?: Parse[][];
  /** How many reads it was built for (a read registered later makes it anew). */
  count: number;
}
const statements = new WeakMap<readonly AnyRead[], Statement>();

/** The one statement for these reads, built once per list of reads. */
function statementOf(m: EntityManager, reads: readonly AnyRead[]): Statement {
  let s = statements.get(reads);
  if (!s || s.count !== reads.length) {
    const columns = reads.flatMap((read) => {
      const column = read.prefetchColumn(m);
      return column ? [{ read, ...column }] : [];
    });
    s = {
      columns,
      count: reads.length,
      sql: `SELECT ${columns.map((c, i) => `${c.sql} AS r${i}`).join(', ')}`,
    };
    statements.set(reads, s);
  }
  return s;
}

type Parse = (text: string) => unknown;
const tableParsers = new Map<string, Promise<Map<string, Parse>>>();

/** `pg`'s text parser of each column's type, by column name; read once per table. */
async function parsersOf(m: EntityManager, table: string, keys: string[]): Promise<Parse[]> {
  let byName = tableParsers.get(table);
  if (!byName) {
    byName = m
      .query(
        `SELECT attname AS name, atttypid::int AS oid FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [table],
      )
      .then(
        (cols: { name: string; oid: number }[]) =>
          new Map(cols.map((c) => [c.name, types.getTypeParser(c.oid, 'text') as Parse])),
      );
    tableParsers.set(table, byName);
    byName.catch(() => tableParsers.delete(table));
  }
  const found = await byName;
  return keys.map((k) => {
    const parse = found.get(k);
    if (!parse) throw new Error(`${table} has no column ${k}`);
    return parse;
  });
}
