import { createHash } from 'node:crypto';
import { newWorld, World } from './factories';
import type { TestApp } from './harness';
import { newCase } from './new-case';
import { Cred, LenderDesk } from './support/lender';

/*
 * The plan of a settled case (issue 16): made when the mediator confirms the agreement, and
 * followed by the lender's payment reports, idempotent by the lender's reference. The default
 * terms are 8000.00 in 12 installments from 40 days ahead: 666.66 × 11 and 666.74 last.
 */
describe('repayment plan: the lender reports payments', () => {
  let desk: LenderDesk;
  let t: TestApp;
  beforeAll(async () => {
    desk = await LenderDesk.start();
    ({ t } = desk);
  });
  afterAll(() => desk.close());
  const http = (cred: Cred) => desk.http(cred);

  async function settled(w: World) {
    const c = await newCase(t, w, { status: 'settled' });
    const key = await desk.issueKey(w.lender.id);
    return { c, key: { key: key.key } };
  }
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  interface EventRow {
    action: string;
    from_status: string;
    to_status: string;
    actor_role: string;
    input: Record<string, string>;
  }
  const timeline = (caseId: string): Promise<EventRow[]> =>
    t.dataSource.query(
      'SELECT action, from_status, to_status, actor_role, input FROM case_events WHERE case_id = $1 ORDER BY id',
      [caseId],
    );

  it('a settled case has its plan: the sealed schedule, each installment due, nothing owed yet', async () => {
    const w = await newWorld(t);
    const { c } = await settled(w);
    for (const cred of [{ token: w.borrower.token }, { token: w.lenderRep.token }]) {
      const plan = await http(cred).get(`/cases/${c.id}/plan`).expect(200);
      expect(plan.body).toMatchObject({
        status: 'active',
        settlement: '8000.00',
        paid: '0.00',
        owed: '0.00',
        remaining: '8000.00',
        graceDays: 15,
        payments: [],
      });
      expect(plan.body.installments).toHaveLength(12);
      expect(plan.body.installments[0]).toMatchObject({ seq: 1, amount: '666.66', state: 'due' });
      expect(plan.body.installments[11]).toMatchObject({ seq: 12, amount: '666.74', state: 'due' });
    }
    const before = await newCase(t, w, { status: 'awaiting_signatures' });
    const none = await http({ token: w.borrower.token })
      .get(`/cases/${before.id}/plan`)
      .expect(404);
    expect(none.body.code).toBe('NOT_FOUND');
    const stranger = await newWorld(t);
    await http({ token: stranger.borrower.token }).get(`/cases/${c.id}/plan`).expect(404);
  });

  it('applies a payment to the current installment, then the last first; the same reference again applies nothing', async () => {
    const w = await newWorld(t);
    const { c, key } = await settled(w);
    const body = { amount: '1000.00', paidOn: today(), reference: 'HF-0001' };
    const eventsBefore = await desk.eventCount(c.id);

    const first = await http(key).post(`/cases/${c.id}/payments`, body).expect(201);
    expect(first.body).toMatchObject({
      reference: 'HF-0001',
      amount: '1000.00',
      replayed: false,
      allocation: [
        { seq: 1, amount: '666.66' },
        { seq: 12, amount: '333.34' },
      ],
    });
    const again = await http(key).post(`/cases/${c.id}/payments`, body).expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
    // Two at once with a new reference: the case's lock lets one apply.
    const racing = { ...body, amount: '10.00', reference: 'HF-0002' };
    const both = await Promise.all([
      http(key).post(`/cases/${c.id}/payments`, racing),
      http(key).post(`/cases/${c.id}/payments`, racing),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);

    const plan = await http({ token: w.borrower.token }).get(`/cases/${c.id}/plan`).expect(200);
    expect(plan.body).toMatchObject({ paid: '1010.00', owed: '0.00', remaining: '6990.00' });
    expect(plan.body.payments.map((p: { reference: string }) => p.reference)).toEqual([
      'HF-0001',
      'HF-0002',
    ]);
    const states = plan.body.installments.map((i: { state: string }) => i.state);
    // The second payment went to the current installment: the second, now that the first is paid.
    expect(states).toEqual(['paid', 'partly_paid', ...Array(9).fill('due'), 'partly_paid']);
    expect(plan.body.installments[1]).toMatchObject({ seq: 2, paid: '10.00', unpaid: '656.66' });

    // Two payments, two events on the timeline; the case stays settled.
    expect(await desk.eventCount(c.id)).toBe(eventsBefore + 2);
    const events = (await timeline(c.id)).filter((e) => e.action === 'payment_recorded');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      from_status: 'settled',
      to_status: 'settled',
      actor_role: 'lender',
    });
    expect(events[0].input).toMatchObject({ reference: 'HF-0001', leftToPay: '7000.00' });
  });

  it('refuses what does not fit, with its field, and changes nothing', async () => {
    const w = await newWorld(t);
    const { c, key } = await settled(w);
    const post = (b: object, cred: Cred = key) => http(cred).post(`/cases/${c.id}/payments`, b);
    const ok = { amount: '100.00', paidOn: today(), reference: 'R-1' };
    await post(ok).expect(201);
    const events = await desk.eventCount(c.id);

    const cases: [object, string][] = [
      [{ ...ok, reference: 'R-2', amount: '7900.01' }, 'amount'],
      [{ ...ok, reference: 'R-2', amount: '100' }, 'amount'],
      [{ ...ok, reference: 'R-2', paidOn: '2099-01-01' }, 'paidOn'],
      [{ ...ok, reference: 'R-2', paidOn: '2026-02-30' }, 'paidOn'],
      [{ ...ok, reference: 'bad reference!' }, 'reference'],
    ];
    for (const [b, field] of cases) {
      const res = await post(b).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const reused = await post({ ...ok, amount: '200.00' }).expect(409);
    expect(reused.body.message).toMatch(/R-1 was already reported for 100\.00/);
    await post({ ...ok, reference: 'R-3' }, { token: w.borrower.token }).expect(403);
    const other = await newWorld(t);
    const otherKey = await desk.issueKey(other.lender.id);
    await post({ ...ok, reference: 'R-4' }, { key: otherKey.key }).expect(404);
    const open = await newCase(t, w, { status: 'awaiting_signatures' });
    const early = await http(key).post(`/cases/${open.id}/payments`, ok).expect(409);
    expect(early.body.message).toMatch(/not settled/);

    expect(await desk.eventCount(c.id)).toBe(events);
    const plan = await http(key).get(`/cases/${c.id}/plan`).expect(200);
    expect(plan.body.paid).toBe('100.00');
  });

  it('the last fen paid completes the plan, on the timeline', async () => {
    const w = await newWorld(t);
    const { c, key } = await settled(w);
    await http(key)
      .post(`/cases/${c.id}/payments`, { amount: '7999.99', paidOn: today(), reference: 'A' })
      .expect(201);
    let plan = await http(key).get(`/cases/${c.id}/plan`).expect(200);
    expect(plan.body).toMatchObject({ status: 'active', paid: '7999.99', remaining: '0.01' });
    expect(plan.body.installments[1]).toMatchObject({
      seq: 2,
      state: 'partly_paid',
      unpaid: '0.01',
    });
    await http(key)
      .post(`/cases/${c.id}/payments`, { amount: '0.01', paidOn: today(), reference: 'B' })
      .expect(201);
    plan = await http(key).get(`/cases/${c.id}/plan`).expect(200);
    expect(plan.body).toMatchObject({ status: 'completed', paid: '8000.00', remaining: '0.00' });
    expect(plan.body.completedAt).toEqual(expect.any(String));
    expect(plan.body.installments.every((i: { state: string }) => i.state === 'paid')).toBe(true);
    const last = (await timeline(c.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'plan_completed', to_status: 'settled' });

    // The 结清证明: the parties download it sealed; anyone verifies it; one changed byte fails.
    await http(key).get(`/cases/${c.id}/plan/certificate`).expect(200); // the lender's too
    const pdf = await http({ token: w.borrower.token })
      .get(`/cases/${c.id}/plan/certificate`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const bytes = pdf.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(last.input.certificateSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const verify = (file: Buffer) =>
      t
        .http()
        .post('/api/v1/verify/settlement-certificate')
        .attach('file', file, { filename: 'certificate.pdf', contentType: 'application/pdf' });
    const ok = await verify(bytes).expect(200);
    expect(ok.body).toMatchObject({
      caseNumber: c.caseNumber,
      paid: '8000.00',
      intact: true,
      seal: { valid: true, coversWholeFile: true, centreCertificate: true },
    });
    const changed = Buffer.from(bytes);
    const at = changed.indexOf('/Title') + 8;
    changed[at] = changed[at] ^ 0x01;
    const refused = await verify(changed).expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    // The agreement's verification does not take it for an agreement either.
    await t
      .http()
      .post('/api/v1/verify')
      .attach('file', bytes, { filename: 'certificate.pdf', contentType: 'application/pdf' })
      .expect(404);
    const more = await http(key)
      .post(`/cases/${c.id}/payments`, { amount: '0.01', paidOn: today(), reference: 'C' })
      .expect(400);
    expect(more.body.errors[0].message).toMatch(/nothing is left/);
  });
});
