import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** A statement as `pg` sends it under a name: parsed once per connection, then only bound. */
export interface NamedStatement {
  name: string;
  text: string;
}

const named = new Map<string, NamedStatement>();

/**
 * The named form of a statement, its name drawn from its text (so one text has one name on
 * every connection, and two texts never share one). PostgreSQL then parses it once per
 * connection, and after five runs plans it once too if a plan for any parameters costs no
 * more than the plans it made for each: for the reads by key on every request, planning cost
 * more than running (docs/performance.md). Only for statements of a fixed set of texts whose
 * best plan does not depend on the values bound: an equality on a key, not a list's filters.
 */
export function namedStatement(text: string): NamedStatement {
  let s = named.get(text);
  if (!s) {
    const name = `s_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    s = { name, text };
    named.set(text, s);
  }
  return s;
}

/**
 * Runs `text` as a named statement through the manager (inside its transaction if it has one),
 * with TypeORM's pool, error wrapping and result as `manager.query` gives them: TypeORM hands the
 * query to `pg`'s `client.query` untouched, and that takes a `{ name, text }` as readily as a
 * string.
 */
export function queryNamed<T = Record<string, unknown>>(
  m: EntityManager,
  text: string,
  params: unknown[],
): Promise<T[]> {
  return m.query(namedStatement(text) as unknown as string, params);
}
