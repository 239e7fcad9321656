import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { queryNamed } from './prepared-statement';

interface Prepared {
  sql: string;
  metadata: EntityMetadata;
  columns: ColumnMetadata[];
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
 */
export class EntityRead<T extends ObjectLiteral> {
  private prepared: Prepared | null = null;

  /** `tail`: the SQL after the table name (WHERE, ORDER BY, LIMIT), with `$n` parameters. */
  constructor(
    private readonly target: EntityTarget<T>,
    private readonly tail: string,
  ) {}

  async many(m: EntityManager, params: unknown[]): Promise<T[]> {
    const p = this.prepare(m);
    const rows = await queryNamed(m, p.sql, params);
    return rows.map((row) => this.hydrate(m, p, row));
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
    // What `find` selects: the stored columns, not those kept out of selections.
    const columns = metadata.columns.filter((c) => !c.isVirtual && c.isSelect);
    const list = columns.map((c) => escape(c.databaseName)).join(', ');
    const table = [metadata.schema, metadata.tableName].filter(Boolean).map((n) => escape(n!));
    const sql = `SELECT ${list} FROM ${table.join('.')} ${this.tail}`;
    this.prepared = { sql, metadata, columns };
    return this.prepared;
  }

  private hydrate(m: EntityManager, p: Prepared, row: Record<string, unknown>): T {
    // As `find` makes them: an instance of the class, its constructor not run.
    const entity = p.metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const c of p.columns) {
      c.setEntityValue(entity, m.dataSource.driver.prepareHydratedValue(row[c.databaseName], c));
    }
    return entity;
  }
}
