import { DataSource, EntityManager } from 'typeorm';
import { CASE_KEYED_READS, prefetch, prefetching } from '../../src/common/entity-prefetch';
import { newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { PDF } from './support/pages';

/**
 * The case page's reads of a case's rows by its id come in one statement
 * (src/common/entity-prefetch.ts): each must answer exactly what the read itself answers.
 */
describe('case-keyed reads prefetched in one statement', () => {
  let t: TestApp;
  let w: World;
  let m: EntityManager;
  let settled: string;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    m = t.app.get(DataSource).manager;
    settled = (await newCase(t, w, { status: 'settled' })).id;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const [amount, reference] of [
      ['700.00', 'P-1'],
      ['0.01', 'P-2'],
    ]) {
      await t
        .http()
        .post(`/api/v1/cases/${settled}/payments`)
        .set('Authorization', `Bearer ${w.lenderRep.token}`)
        .send({ amount, paidOn: today, reference })
        .expect(201);
    }
    // A payment report the borrower sends, with a name the JSON must escape.
    await t
      .http()
      .post(`/api/v1/cases/${settled}/plan/payment-reports`)
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .field('amount', '100.00')
      .field('paidOn', today)
      .attach('file', PDF, { filename: '转账凭证 "四月".pdf', contentType: 'application/pdf' })
      .expect(201);
    await t
      .http()
      .post(`/api/v1/cases/${settled}/judicial-confirmation`)
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .expect(201);
  });
  afterAll(() => t.close());

  it('answers a page’s case-keyed reads from one prefetch statement exactly as each read itself', async () => {
    const open = await newCase(t, w, { status: 'submitted' });
    await t
      .http()
      .post(`/api/v1/cases/${open.id}/evidence`)
      .set('Authorization', `Bearer ${w.borrower.token}`)
      // Text that the array's text form must quote: a comma, braces, quotes, a backslash.
      .attach('file', PDF, { filename: '收入,{证明} "三月"\\.pdf', contentType: 'application/pdf' })
      .expect(201);
    const direct = async (id: string) => Promise.all(CASE_KEYED_READS.map((r) => r.many(m, [id])));
    const viaPrefetch = (id: string, other?: string) =>
      prefetching(async () => {
        const query = jest.spyOn(m, 'query');
        prefetch(m, CASE_KEYED_READS, id);
        try {
          const rows = await Promise.all(CASE_KEYED_READS.map((r) => r.many(m, [id])));
          // A read by another key in the same scope still goes to the database.
          const others = other ? await direct(other) : [];
          return { rows, others, statements: query.mock.calls.length };
        } finally {
          query.mockRestore();
        }
      });
    await viaPrefetch(settled); // the first one also reads each table's column types
    for (const id of [settled, open.id]) {
      const expected = await direct(id);
      const got = await viaPrefetch(id);
      expect(got.rows).toStrictEqual(expected);
      expect(got.statements).toBe(1);
    }
    const settledRows = await direct(settled);
    const openRows = await direct(open.id);
    // Between them the two cases have rows of every read, several of some (their order kept).
    expect(settledRows.every((rows, i) => rows.length > 0 || openRows[i].length > 0)).toBe(true);
    expect(Math.max(...settledRows.map((rows) => rows.length))).toBeGreaterThan(2);
    const mixed = await viaPrefetch(settled, open.id);
    expect(mixed.others).toStrictEqual(await direct(open.id));
    expect(mixed.statements).toBe(1 + CASE_KEYED_READS.length);
    // Outside a scope, prefetch does nothing and every read asks the database.
    prefetch(m, CASE_KEYED_READS, settled);
    expect(await direct(settled)).toStrictEqual(settledRows);
  });
});
