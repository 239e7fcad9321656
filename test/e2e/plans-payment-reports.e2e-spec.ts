import { newWorld, World } from './factories';
import type { TestApp } from './harness';
import { newCase } from './new-case';
import { Cred, LenderDesk } from './support/lender';
import { outbox } from './support/notifications';
import { PDF, PNG } from './support/pages';

/*
 * The borrower reports a payment with proof (issue 16); the lender confirms it (applied once,
 * through the same path as its own reports) or disputes it (nothing applied). The default
 * terms: 8000.00 in 12 installments from 40 days ahead, 666.66 × 11 and 666.74 last.
 */
describe('repayment plan: the borrower reports a payment with proof', () => {
  let desk: LenderDesk;
  let t: TestApp;
  beforeAll(async () => {
    desk = await LenderDesk.start();
    ({ t } = desk);
  });
  afterAll(() => desk.close());
  const http = (cred: Cred) => desk.http(cred);
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  async function settled(w: World) {
    const c = await newCase(t, w, { status: 'settled' });
    const key = await desk.issueKey(w.lender.id);
    return { c, key: { key: key.key } };
  }
  const report = (
    caseId: string,
    token: string,
    fields: Record<string, string>,
    file: Buffer = PDF,
  ) => {
    const r = t
      .http()
      .post(`/api/v1/cases/${caseId}/plan/payment-reports`)
      .set('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(fields)) r.field(k, v);
    return r.attach('file', file, { filename: '转账凭证.pdf' });
  };
  const plan = async (caseId: string, token: string) =>
    (await http({ token }).get(`/cases/${caseId}/plan`).expect(200)).body;
  const actions = async (caseId: string): Promise<string[]> =>
    (
      await t.dataSource.query('SELECT action FROM case_events WHERE case_id = $1 ORDER BY id', [
        caseId,
      ])
    ).map((r: { action: string }) => r.action);
  const inbox = async (userId: string, caseId: string): Promise<string[]> =>
    (
      await t.dataSource.query(
        'SELECT kind FROM notifications WHERE user_id = $1 AND case_id = $2 ORDER BY created_at',
        [userId, caseId],
      )
    ).map((r: { kind: string }) => r.kind);

  it('report, then confirm: applied once, as a lender’s payment would be; both told', async () => {
    const w = await newWorld(t);
    const { c, key } = await settled(w);
    const sent = await report(c.id, w.borrower.token, { amount: '1000.00', paidOn: today() });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      amount: '1000.00',
      paidOn: today(),
      status: 'reported',
      mimeType: 'application/pdf',
      filename: '转账凭证.pdf',
      payment: null,
    });
    // Reported is not applied.
    expect((await plan(c.id, w.borrower.token)).paid).toBe('0.00');
    const listed = await http(key).get(`/cases/${c.id}/plan/payment-reports`).expect(200);
    expect(listed.body.map((r: { id: string }) => r.id)).toEqual([sent.body.id]);
    const proof = await http(key)
      .get(`/cases/${c.id}/plan/payment-reports/${sent.body.id}/proof`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(proof.body as Buffer, PDF)).toBe(0);
    expect(await inbox(w.lenderRep.id, c.id)).toContain('payment_reported.lender');

    const path = `/cases/${c.id}/plan/payment-reports/${sent.body.id}/confirm`;
    // Two confirmations at once and one after: the case's lock lets one apply.
    const both = await Promise.all([
      http(key).post(path),
      http({ token: w.lenderRep.token }).post(path),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.replayed).sort()).toEqual([false, true]);
    const again = await http(key).post(path).expect(200);
    expect(again.body).toMatchObject({ status: 'confirmed', replayed: true });
    expect(again.body.payment).toMatchObject({
      reference: `report:${sent.body.id}`,
      amount: '1000.00',
      allocation: [
        { seq: 1, amount: '666.66' },
        { seq: 12, amount: '333.34' },
      ],
    });

    const after = await plan(c.id, w.borrower.token);
    expect(after).toMatchObject({ paid: '1000.00', remaining: '7000.00' });
    expect(after.payments).toHaveLength(1);
    const events = await actions(c.id);
    expect(events.filter((a) => a === 'payment_recorded')).toHaveLength(1);
    expect(events.slice(-3)).toEqual([
      'payment_reported',
      'payment_recorded',
      'payment_report_confirmed',
    ]);
    const [source] = await t.dataSource.query(
      'SELECT source FROM plan_payments WHERE case_id = $1',
      [c.id],
    );
    expect(source.source).toBe('borrower_report');
    expect(await inbox(w.borrower.id, c.id)).toContain('payment_report_confirmed.borrower');
    const mails = (await outbox(t, c.id)).map((m) => m.kind);
    expect(mails).toEqual(
      expect.arrayContaining(['payment_reported.lender', 'payment_report_confirmed.borrower']),
    );
    // Disputing a confirmed report changes nothing.
    await http(key)
      .post(`/cases/${c.id}/plan/payment-reports/${sent.body.id}/dispute`, { reason: '迟了' })
      .expect(409);
  });

  it('dispute: nothing applied, the reason kept and told to the borrower and the mediator', async () => {
    const w = await newWorld(t);
    const { c, key } = await settled(w);
    const sent = await report(c.id, w.borrower.token, { amount: '666.66', paidOn: today() }, PNG);
    expect(sent.status).toBe(201);
    expect(sent.body.mimeType).toBe('image/png');
    const base = `/cases/${c.id}/plan/payment-reports/${sent.body.id}`;
    const empty = await http(key).post(`${base}/dispute`, {}).expect(400);
    expect(new Set(empty.body.errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(['reason']),
    );
    const disputed = await http(key)
      .post(`${base}/dispute`, { reason: '该日未收到款项，请核对收款账户。' })
      .expect(200);
    expect(disputed.body).toMatchObject({
      status: 'disputed',
      disputeReason: '该日未收到款项，请核对收款账户。',
      payment: null,
    });
    await http(key).post(`${base}/confirm`).expect(409);
    await http(key).post(`${base}/dispute`, { reason: '再次' }).expect(409);
    const after = await plan(c.id, w.borrower.token);
    expect(after).toMatchObject({ paid: '0.00', remaining: '8000.00', payments: [] });
    const events = await actions(c.id);
    expect(events).not.toContain('payment_recorded');
    expect(events.slice(-2)).toEqual(['payment_reported', 'payment_report_disputed']);
    expect(await inbox(w.borrower.id, c.id)).toContain('payment_report_disputed.borrower');
    expect(await inbox(w.mediator.id, c.id)).toContain('payment_report_disputed.mediator');
  });

  it('only the case’s borrower reports, only its lender answers: everyone else 404', async () => {
    const w = await newWorld(t);
    const { c, key } = await settled(w);
    const other = await newWorld(t);
    const otherKey = { key: (await desk.issueKey(other.lender.id)).key };
    const ok = { amount: '100.00', paidOn: today() };
    for (const token of [
      w.lenderRep.token,
      w.mediator.token,
      w.clerk.token,
      desk.admin,
      other.borrower.token,
    ]) {
      const res = await report(c.id, token, ok);
      expect([res.status, res.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    }
    const sent = await report(c.id, w.borrower.token, ok).expect(201);
    const base = `/cases/${c.id}/plan/payment-reports/${sent.body.id}`;
    const strangers: Cred[] = [
      { token: w.borrower.token },
      { token: w.mediator.token },
      { token: w.clerk.token },
      { token: desk.admin },
      { token: other.lenderRep.token },
      otherKey,
    ];
    for (const cred of strangers) {
      for (const [path, body] of [
        [`${base}/confirm`, {}],
        [`${base}/dispute`, { reason: '不是我们的' }],
      ] as const) {
        const res = await http(cred).post(path, body);
        expect([res.status, res.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
      }
    }
    // A stranger does not see the reports or the proof either.
    await http({ token: other.borrower.token })
      .get(`/cases/${c.id}/plan/payment-reports`)
      .expect(404);
    await http(otherKey).get(`${base}/proof`).expect(404);
    // Nothing happened: still reported, nothing paid.
    const listed = await http(key).get(`/cases/${c.id}/plan/payment-reports`).expect(200);
    expect(listed.body[0].status).toBe('reported');
    expect((await plan(c.id, w.borrower.token)).paid).toBe('0.00');
    // An unknown report on the lender's own case: 404 of the report.
    const none = await http(key)
      .post(`/cases/${c.id}/plan/payment-reports/${other.lender.id}/confirm`)
      .expect(404);
    expect(none.body.code).toBe('NOT_FOUND');
  });

  it('refuses what does not fit, with its field, and records nothing', async () => {
    const w = await newWorld(t);
    const { c } = await settled(w);
    const before = await actions(c.id);
    const bad: [Record<string, string>, Buffer, number, string | null][] = [
      [{ amount: '8000.01', paidOn: today() }, PDF, 400, 'amount'],
      [{ amount: '100', paidOn: today() }, PDF, 400, 'amount'],
      [{ amount: '100.00', paidOn: '2099-01-01' }, PDF, 400, 'paidOn'],
      [{ amount: '100.00' }, PDF, 400, 'paidOn'],
      [{ amount: '100.00', paidOn: today() }, Buffer.from('#!/bin/sh\necho hi\n'), 415, null],
    ];
    for (const [fields, file, status, field] of bad) {
      const res = await report(c.id, w.borrower.token, fields, file);
      expect(res.status).toBe(status);
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const noFile = await t
      .http()
      .post(`/api/v1/cases/${c.id}/plan/payment-reports`)
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .field('amount', '100.00')
      .field('paidOn', today())
      .expect(400);
    expect(noFile.body.errors.map((e: { field: string }) => e.field)).toEqual(['file']);
    const open = await newCase(t, w, { status: 'awaiting_signatures' });
    const early = await report(open.id, w.borrower.token, { amount: '100.00', paidOn: today() });
    expect([early.status, early.body.message]).toEqual([409, expect.stringMatching(/not settled/)]);
    expect(await actions(c.id)).toEqual(before);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM plan_payment_reports WHERE case_id = $1',
      [c.id],
    );
    expect(n).toBe(0);
  });
});
