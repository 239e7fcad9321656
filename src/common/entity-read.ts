import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata';
import { queryNamed } from './prepared-statement';
import { prefetched } from './entity-prefetch';

interface Part {
  metadata: EntityMetadata;
  columns: ColumnMetadata[];
  /** The result's names of the columns: the column's own name, or `<alias>.<name>` in a join. */
  keys: string[];
}

interface Joined extends Part {
  relation: RelationMetadata;
  primaryKeys: string[];
}

interface Prepared {
  sql: string;
  main: Part;
  joins: Joined[];
}

/** With `joins`: many-to-one relations loaded whole beside the row, as `leftJoinAndSelect`. */
export interface EntityReadJoins {
  /** The table's alias in `tail` (its columns are then `alias.column` there). */
  alias: string;
  /** Relation properties of the entity (each with its join columns on this table). */
  relations: readonly string[];
}

/**
 * A read of whole entities in one fixed shape, `SELECT <every column> FROM <table> <tail>`,
 * whose SQL is built once from the entity's metadata, not by the query builder on every call.
 * The rows are hydrated as TypeORM's own `find` hydrates them (the driver's conversion of each
 * column's type, then the column's transformer), into instances of the entity class; relations
 * are not loaded. For the reads on every page view, where building the query and mapping its
 * result cost more than PostgreSQL's work on the indexed row (docs/performance.md).
 *
 *   const LIVE = new EntityRead(PageSession, 'WHERE token_hash = $1 AND revoked_at IS NULL');
 *   const row = await LIVE.one(manager, [hash]);
 *
 * With joins, its many-to-one relations come in the same statement, each an instance of its
 * class or null where the key is null, as `leftJoinAndSelect` loads them:
 *
 *   new EntityRead(CaseRecord, 'WHERE c.id = $1 FOR UPDATE OF c', {
 *     alias: 'c',
 *     relations: ['borrower', 'mediator'],
 *   });
 */
export class EntityRead<T extends ObjectLiteral> {
  private prepared: Prepared | null = null;

  /** `tail`: the SQL after the table name (WHERE, ORDER BY, LIMIT), with `$n` parameters. */
  constructor(
    private readonly target: EntityTarget<T>,
    private readonly tail: string,
    private readonly joins?: EntityReadJoins,
  ) {}

  async many(m: EntityManager, params: unknown[]): Promise<T[]> {
    const p = this.prepare(m);
    // Outside a transaction, a page's reads by one key may have come in one statement.
    const rows =
      (m.queryRunner ? undefined : prefetched(this, params)) ??
      (await queryNamed(m, p.sql, params));
    return (await rows).map((row) => this.hydrate(m, p, row));
  }

  /**
   * This read as one column of a prefetch (entity-prefetch.ts): its rows as a JSON array, each
   * row an array of its columns' text in `keys` order, in the tail's order; `null` when the
   * read cannot be one (joins: their columns come from other tables).
   */
  prefetchColumn(m: EntityManager): { sql: string; table: string; keys: string[] } | null {
    const p = this.prepare(m);
    if (p.joins.length) return null;
    const escape = (name: string) => m.dataSource.driver.escape(name);
    const md = p.main.metadata;
    const table = [md.schema, md.tableName]
      .filter(Boolean)
      .map((n) => escape(n!))
      .join('.');
    const cells = p.main.columns.map((c) => `${escape(c.databaseName)}::text`).join(', ');
    // ARRAY(subquery) keeps the subquery's rows in its own ORDER BY's order; as JSON, the
    // driver parses them natively (a text[][] would go through a parser written in JS).
    return {
      sql: `array_to_json(ARRAY(SELECT json_build_array(${cells}) FROM ${table} ${this.tail}))`,
      table,
      keys: p.main.keys,
    };
  }

  /** The first row, or null: the tail should say which comes first and `LIMIT 1`. */
  async one(m: EntityManager, params: unknown[]): Promise<T | null> {
    const [first] = await this.many(m, params);
    return first ?? null;
  }

  private prepare(m: EntityManager): Prepared {
    if (this.prepared) return this.prepared;
    const metadata = m.dataSource.getMetadata(this.target);
    const escape = (name: string) => m.dataSource.driver.escape(name);
    const tableOf = (md: EntityMetadata) =>
      [md.schema, md.tableName]
        .filter(Boolean)
        .map((n) => escape(n!))
        .join('.');
    // What `find` selects: the stored columns, not those kept out of selections.
    const selected = (md: EntityMetadata) => md.columns.filter((c) => !c.isVirtual && c.isSelect);
    const alias = this.joins?.alias;
    const mainColumns = selected(metadata);
    const main: Part = {
      metadata,
      columns: mainColumns,
      keys: mainColumns.map((c) => (alias ? `${alias}.${c.databaseName}` : c.databaseName)),
    };
    const list = mainColumns.map((c, i) =>
      alias
        ? `${alias}.${escape(c.databaseName)} AS ${escape(main.keys[i])}`
        : escape(c.databaseName),
    );
    let from = alias ? `${tableOf(metadata)} ${alias}` : tableOf(metadata);
    const joins: Joined[] = (this.joins?.relations ?? []).map((property, n) => {
      const relation = metadata.findRelationWithPropertyPath(property);
      if (!relation || !relation.isManyToOne || !relation.joinColumns.length) {
        throw new Error(`${metadata.name}.${property} is not a many-to-one relation to join`);
      }
      const target = relation.inverseEntityMetadata;
      const a = `${alias}_j${n}`;
      const columns = selected(target);
      const keys = columns.map((c) => `${a}.${c.databaseName}`);
      columns.forEach((c, i) => list.push(`${a}.${escape(c.databaseName)} AS ${escape(keys[i])}`));
      const on = relation.joinColumns
        .map(
          (jc) =>
            `${a}.${escape(jc.referencedColumn!.databaseName)} = ${alias}.${escape(jc.databaseName)}`,
        )
        .join(' AND ');
      from += ` LEFT JOIN ${tableOf(target)} ${a} ON ${on}`;
      const primaryKeys = target.primaryColumns.map((pc) => `${a}.${pc.databaseName}`);
      return { metadata: target, columns, keys, relation, primaryKeys };
    });
    const sql = `SELECT ${list.join(', ')} FROM ${from} ${this.tail}`;
    this.prepared = { sql, main, joins };
    return this.prepared;
  }

  private hydrate(m: EntityManager, p: Prepared, row: Record<string, unknown>): T {
    const entity = hydratePart(m, p.main, row) as T;
    for (const j of p.joins) {
      const missing = j.primaryKeys.every((k) => row[k] === null || row[k] === undefined);
      j.relation.setEntityValue(entity, missing ? null : hydratePart(m, j, row));
    }
    return entity;
  }
}

/** As `find` makes them: an instance of the class, its constructor not run. */
function hydratePart(m: EntityManager, part: Part, row: Record<string, unknown>): ObjectLiteral {
  const entity = part.metadata.create(undefined, { fromDeserializer: true }) as ObjectLiteral;
  part.columns.forEach((c, i) => {
    c.setEntityValue(entity, m.dataSource.driver.prepareHydratedValue(row[part.keys[i]], c));
  });
  return entity;
}
