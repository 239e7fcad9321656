import { DataSource, QueryFailedError } from 'typeorm';
import { namedStatement, queryNamed } from '../../src/common/prepared-statement';
import { startTestApp, TestApp } from './harness';

/**
 * The reads by key run as named statements through TypeORM's `manager.query`: they must behave
 * as the unnamed query did, on the transaction's connection inside one, with TypeORM's errors.
 */
describe('named statements', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('answers as the query does, and is prepared on the connection under its name', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    expect(namedStatement(text)).toBe(namedStatement(text));
    expect(namedStatement(text).name).not.toBe(namedStatement(`${text} `).name);
    await ds.transaction(async (m) => {
      for (const k of [1, 2, 3]) {
        expect(await queryNamed(m, text, [k])).toEqual([{ n: k + 1 }]);
      }
      // pg_prepared_statements shows the statements of the session that asks: this one.
      const rows = await m.query(
        `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1`,
        [namedStatement(text).name],
      );
      expect(rows).toEqual([{ n: 1 }]);
    });
  });

  it('reads inside a transaction what the transaction wrote, and nothing outside it', async () => {
    await ds.query(`CREATE TABLE IF NOT EXISTS named_probe (id int PRIMARY KEY)`);
    const read = 'SELECT id FROM named_probe WHERE id = $1';
    await ds.transaction(async (m) => {
      await m.query(`INSERT INTO named_probe (id) VALUES (7)`);
      expect(await queryNamed(m, read, [7])).toEqual([{ id: 7 }]);
      expect(await queryNamed(ds.manager, read, [7])).toEqual([]);
      await m.query(`DELETE FROM named_probe`);
    });
    await ds.query(`DROP TABLE named_probe`);
  });

  it('fails as TypeORM fails, with the driver’s error code, and the connection goes on', async () => {
    const bad = 'SELECT $1::int / 0 AS n';
    const err = await queryNamed(ds.manager, bad, [1]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as QueryFailedError & { code: string }).code).toBe('22012');
    expect(await queryNamed(ds.manager, 'SELECT $1::int + 1 AS n', [41])).toEqual([{ n: 42 }]);
  });
});
