import { newWorld } from './factories';
import type { TestApp } from './harness';
import { newCase } from './new-case';
import { LenderDesk } from './support/lender';

/*
 * A lender's bulk file of payments over many cases (issue 16): all or nothing per file, and a
 * report naming each refused row and why.
 */
describe('repayment plan: bulk import of payments', () => {
  let desk: LenderDesk;
  let t: TestApp;
  beforeAll(async () => {
    desk = await LenderDesk.start();
    ({ t } = desk);
  });
  afterAll(() => desk.close());
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const paymentRows = async (caseIds: string[]) =>
    (
      await t.dataSource.query(
        'SELECT count(*)::int AS n FROM plan_payments WHERE case_id = ANY($1)',
        [caseIds],
      )
    )[0].n as number;

  it('a CSV of two cases with one bad row applies nothing and names the row; fixed, it applies whole', async () => {
    const w = await newWorld(t);
    const [a, b] = await Promise.all([
      newCase(t, w, { status: 'settled' }),
      newCase(t, w, { status: 'settled' }),
    ]);
    const key = { key: (await desk.issueKey(w.lender.id)).key };
    const events = [await desk.eventCount(a.id), await desk.eventCount(b.id)];
    const d = today();
    const lines = (third: string) =>
      [
        'case,reference,amount,paidOn',
        `${a.caseNumber},B-1,666.66,${d}`,
        `${b.caseNumber},B-2,100.00,${d}`,
        third,
        `${a.caseNumber},B-4,0.01,${d}`,
      ].join('\n');

    const bad = await desk
      .http(key)
      .post('/payments/import', { csv: lines(`${b.caseNumber},B-3,12.5,${d}`) })
      .expect(400);
    expect(bad.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(
        /nothing was applied: 1 of 4 rows refused, the first is row 3/,
      ),
      errors: [{ field: 'row 3: amount', message: expect.stringContaining('two decimals') }],
      report: { applied: false, rows: 4 },
    });
    expect(bad.body.report.refused).toEqual([
      expect.objectContaining({ row: 3, case: b.caseNumber, reference: 'B-3' }),
    ]);
    expect(bad.body.report.accepted.map((r: { row: number }) => r.row)).toEqual([1, 2, 4]);
    expect(await paymentRows([a.id, b.id])).toBe(0);
    expect([await desk.eventCount(a.id), await desk.eventCount(b.id)]).toEqual(events);

    // A case not the lender's, and a payment beyond what is left, are refused by row too.
    const other = await newWorld(t);
    const foreign = await newCase(t, other, { status: 'settled' });
    const mixed = await desk
      .http(key)
      .post('/payments/import', {
        payments: [
          { case: a.caseNumber, reference: 'J-1', amount: '1.00', paidOn: d },
          { case: foreign.caseNumber, reference: 'J-2', amount: '1.00', paidOn: d },
          { case: b.id, reference: 'J-3', amount: '9000.00', paidOn: d },
        ],
      })
      .expect(400);
    expect(mixed.body.errors).toEqual([
      { field: 'row 2: case', message: 'no such case of yours' },
      { field: 'row 3: amount', message: expect.stringContaining('8000.00') },
    ]);
    expect(await paymentRows([a.id, b.id, foreign.id])).toBe(0);

    const good = await desk
      .http(key)
      .post('/payments/import', { csv: lines(`${b.caseNumber},B-3,12.50,${d}`) })
      .expect(200);
    expect(good.body).toMatchObject({ applied: true, rows: 4, refused: [] });
    expect(good.body.accepted).toHaveLength(4);
    const plan = await desk.http(key).get(`/cases/${a.id}/plan`).expect(200);
    expect(plan.body.paid).toBe('666.67');
    const planB = await desk.http(key).get(`/cases/${b.id}/plan`).expect(200);
    expect(planB.body.paid).toBe('112.50');

    // The same file again: every reference seen, nothing applied twice.
    const again = await desk
      .http(key)
      .post('/payments/import', { csv: lines(`${b.caseNumber},B-3,12.50,${d}`) })
      .expect(200);
    expect(again.body.accepted.every((r: { replayed: boolean }) => r.replayed)).toBe(true);
    expect(await paymentRows([a.id, b.id])).toBe(4);
  });

  it('refuses a file that is not one: wrong header, both forms, no rows', async () => {
    const w = await newWorld(t);
    const key = { key: (await desk.issueKey(w.lender.id)).key };
    const post = (body: object) => desk.http(key).post('/payments/import', body).expect(400);
    expect(
      (await post({ csv: 'case,ref,amount,paidOn\nx,y,1.00,2026-01-01' })).body.errors,
    ).toEqual([{ field: 'csv', message: expect.stringContaining('case,reference,amount,paidOn') }]);
    expect(
      (await post({ csv: 'case,reference,amount,paidOn\n', payments: [] })).body.errors[0],
    ).toEqual({
      field: 'body',
      message: 'give either csv or payments',
    });
    expect((await post({ payments: [] })).body.errors[0].message).toBe('no rows');
    expect(
      (await post({ csv: 'case,reference,amount,paidOn\n"unclosed,1,2,3' })).body.errors[0].field,
    ).toBe('csv');
    await desk
      .http({ token: w.borrower.token })
      .post('/payments/import', { payments: [{}] })
      .expect(403);
  });
});
