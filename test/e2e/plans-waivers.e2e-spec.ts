import { newWorld, World } from './factories';
import type { TestApp } from './harness';
import { newCase } from './new-case';
import { until } from './smtp';
import { Cred, LenderDesk, startReceiver } from './support/lender';
import { signedIn } from './support/pages';
import { eventsOf, inAppKinds, outboxKinds } from './support/plans';

/*
 * Issue 16: the lender waives (减免) what is left unpaid on an installment, with a reason. The
 * installment becomes `waived`, the plan still adds up to the sealed amount to the fen (paid +
 * waived + owed + remaining), the borrower and the mediator are told, the lender's webhooks get
 * `installment.waived`, and when nothing is left the plan completes as with a last payment.
 * The default terms: 8000.00 in 12 installments from 40 days ahead, 666.66 × 11 and 666.74.
 */
interface PlanInstallment {
  seq: number;
  state: string;
  amount: string;
  paid: string;
  waived: string;
  unpaid: string;
}
const fen = (yuan: string) => Math.round(Number(yuan) * 100);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('repayment plan: the lender waives an installment', () => {
  let desk: LenderDesk;
  let t: TestApp;
  beforeAll(async () => {
    desk = await LenderDesk.start();
    ({ t } = desk);
  });
  afterAll(() => desk.close());
  const http = (cred: Cred) => desk.http(cred);
  const planOf = async (caseId: string, cred: Cred) =>
    (await http(cred).get(`/cases/${caseId}/plan`).expect(200)).body;
  const waive = (cred: Cred, caseId: string, seq: number | string, body: object) =>
    http(cred).post(`/cases/${caseId}/plan/installments/${seq}/waive`, body);

  /** paid + waived + owed + remaining is the sealed amount, to the fen, and per installment. */
  function expectAddsUp(plan: {
    settlement: string;
    paid: string;
    waived: string;
    owed: string;
    remaining: string;
    installments: PlanInstallment[];
  }) {
    expect(fen(plan.paid) + fen(plan.waived) + fen(plan.owed) + fen(plan.remaining)).toBe(
      fen(plan.settlement),
    );
    for (const i of plan.installments) {
      expect(fen(i.paid) + fen(i.waived) + fen(i.unpaid)).toBe(fen(i.amount));
    }
  }

  async function settled(w: World) {
    const c = await newCase(t, w, { status: 'settled' });
    const key = await desk.issueKey(w.lender.id);
    return { c, key: { key: key.key } };
  }

  it('waives the rest of a partly paid installment: recorded, told, sent to the webhook, shown on the pages', async () => {
    const receiver = await startReceiver();
    try {
      const w = await newWorld(t);
      await desk.asAdmin().post(`/organizations/${w.lender.id}/webhooks`, { url: receiver.url });
      const { c } = await settled(w);
      const rep = { token: w.lenderRep.token };
      // 700.00 today: 666.66 to the current installment, 33.34 to the last (early repayment).
      await http(rep)
        .post(`/cases/${c.id}/payments`, { amount: '700.00', paidOn: today(), reference: 'P-1' })
        .expect(201);
      const reason = '申请人失业，经协商同意减免第 12 期剩余款项。';
      const res = await waive(rep, c.id, 12, { reason, amount: '633.40' }).expect(201);
      expect(res.body).toMatchObject({
        seq: 12,
        waived: '633.40',
        paid: '33.34',
        leftToPay: '6666.60',
        planStatus: 'active',
        waivedAt: expect.any(String),
      });

      const plan = await planOf(c.id, { token: w.borrower.token });
      expect(plan).toMatchObject({ status: 'active', paid: '700.00', waived: '633.40' });
      expect(fen(plan.owed) + fen(plan.remaining)).toBe(fen('6666.60'));
      expectAddsUp(plan);
      expect(plan.installments[11]).toMatchObject({
        seq: 12,
        state: 'waived',
        paid: '33.34',
        waived: '633.40',
        unpaid: '0.00',
      });
      expect(plan.installments[1]).toMatchObject({ state: 'due', waived: '0.00' });

      const [event] = await eventsOf(t, c.id, 'installment_waived');
      expect(event).toMatchObject({
        from_status: 'settled',
        to_status: 'settled',
        actor_role: 'lender',
        input: { seq: 12, waived: '633.40', paid: '33.34', reason, leftToPay: '6666.60' },
      });
      // The borrower and the mediator are told, in neutral words; the lender is not told itself.
      expect((await outboxKinds(t, c.id, 'installment_waived')).map((m) => m.kind)).toEqual([
        'installment_waived.borrower',
        'installment_waived.mediator',
      ]);
      expect((await inAppKinds(t, c.id, 'installment_waived')).map((n) => n.user_id)).toContain(
        w.borrower.id,
      );
      const toBorrower = (m: { subject: string; to: string }) =>
        m.subject.includes(`第 12 期剩余款项已减免（案号 ${c.caseNumber}）`) &&
        m.to.includes(w.borrower.email);
      await desk.smtp.waitFor((mail) => mail.some(toBorrower), 'the borrower told of the waiver');
      const told = desk.smtp.received.find(toBorrower)!;
      expect(told.text).toContain('633.40 元予以减免');

      // The webhook: installment.waived with its figures, after payment.recorded, no personal data.
      const hooks = () =>
        receiver
          .forCase(c.id)
          .map((r) => JSON.parse(r.raw) as { type: string; data?: Record<string, unknown> })
          .filter((b) => !b.type.startsWith('case.'));
      await until(async () => hooks().length === 2, 'the plan’s webhooks');
      expect(hooks().map((h) => h.type)).toEqual(['payment.recorded', 'installment.waived']);
      expect(hooks()[1].data).toEqual({
        seq: 12,
        dueDate: plan.installments[11].dueDate,
        waived: '633.40',
        paid: '33.34',
        reason,
        leftToPay: '6666.60',
      });
      for (const r of receiver.forCase(c.id)) expect(r.raw).not.toContain(w.borrower.email);

      // A later payment never goes to the waived installment; what is left is what can be paid.
      const next = await http(rep)
        .post(`/cases/${c.id}/payments`, { amount: '1000.00', paidOn: today(), reference: 'P-2' })
        .expect(201);
      expect(next.body.allocation.map((a: { seq: number }) => a.seq)).not.toContain(12);
      const tooMuch = await http(rep)
        .post(`/cases/${c.id}/payments`, { amount: '5666.61', paidOn: today(), reference: 'P-3' })
        .expect(400);
      expect(tooMuch.body.errors[0].message).toContain('5666.60');
      expectAddsUp(await planOf(c.id, rep));

      // The case page shows the waived installment and the waived total, to borrower and staff.
      for (const [email, password] of [
        [w.borrower.email, 'borrower-password-1'],
        [w.mediator.email, 'staff-password-123'],
        [w.clerk.email, 'staff-password-123'],
      ]) {
        const agent = await signedIn(t, email, password);
        const html = (await agent.get(`/cases/${c.id}`).expect(200)).text;
        expect(html).toContain('data-total="waived">¥633.40<');
        expect(html).toMatch(
          /<tr data-seq="12" data-state="waived">[\s\S]*?<td>已减免<\/td>[\s\S]*?data-waived="633.40"/,
        );
        expect(html).toContain('data-total="stillOwed"><strong>¥5666.60<');
        expect(html).toContain('贷款机构减免了第 12 期尚未还的 ¥633.40。');
        expect(html).toContain(reason);
      }
    } finally {
      await receiver.close();
    }
  });

  it('refuses the borrower, the centre’s staff and another lender, and bad or repeated waivers: nothing changes', async () => {
    const w = await newWorld(t);
    const { c, key } = await settled(w);
    await http(key)
      .post(`/cases/${c.id}/payments`, { amount: '666.66', paidOn: today(), reference: 'P-1' })
      .expect(201);
    const ok = { reason: '经协商减免。' };
    const other = await newWorld(t);
    const otherKey = await desk.issueKey(other.lender.id);
    const before = await planOf(c.id, key);
    const events = await desk.eventCount(c.id);

    for (const token of [w.borrower.token, w.clerk.token, w.mediator.token]) {
      const res = await waive({ token }, c.id, 2, ok).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    await waive({ token: other.lenderRep.token }, c.id, 2, ok).expect(404);
    await waive({ key: otherKey.key }, c.id, 2, ok).expect(404);
    await t.http().post(`/api/v1/cases/${c.id}/plan/installments/2/waive`).send(ok).expect(401);

    const bad: [number | string, object, string][] = [
      [-1, ok, 'seq'],
      [0, ok, 'seq'],
      ['2.5', ok, 'seq'],
      [2, {}, 'reason'],
      [2, { reason: '   ' }, 'reason'],
      [2, { ...ok, amount: '-666.66' }, 'amount'],
      [2, { ...ok, amount: '666.65' }, 'amount'],
    ];
    for (const [seq, body, field] of bad) {
      const res = await waive(key, c.id, seq, body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const mismatch = await waive(key, c.id, 2, { ...ok, amount: '1.00' }).expect(400);
    expect(mismatch.body.errors[0].message).toBe(
      'must be what is unpaid on installment 2 now (666.66)',
    );
    const missing = await waive(key, c.id, 13, ok).expect(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.body.message).toMatch(/no installment 13: it has 12/);
    // Installment 1 was paid in full: nothing to waive.
    const paid = await waive(key, c.id, 1, ok).expect(409);
    expect(paid.body.message).toBe('installment 1 is paid in full: nothing is left to waive');
    const open = await newCase(t, w, { status: 'awaiting_signatures' });
    expect((await waive(key, open.id, 1, ok).expect(409)).body.message).toMatch(/not settled/);

    expect(await planOf(c.id, key)).toEqual(before);
    expect(await desk.eventCount(c.id)).toBe(events);

    // Waived once; the second time (by the representative too) is refused and changes nothing.
    await waive(key, c.id, 2, ok).expect(201);
    const once = await planOf(c.id, key);
    const twice = await waive({ token: w.lenderRep.token }, c.id, 2, ok).expect(409);
    expect(twice.body.message).toBe('installment 2 was already waived');
    expect(await planOf(c.id, key)).toEqual(once);
    expect(await eventsOf(t, c.id, 'installment_waived')).toHaveLength(1);
  });

  it('completes the plan when every installment is paid or waived, with the 结清证明 saying what was waived', async () => {
    const w = await newWorld(t);
    const { c, key } = await settled(w);
    await http(key)
      .post(`/cases/${c.id}/payments`, { amount: '1000.00', paidOn: today(), reference: 'P-1' })
      .expect(201);
    // 1000.00: installment 1 in full, 333.34 of the last. Waive the rest, the last one last.
    for (const seq of [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) {
      const res = await waive(key, c.id, seq, { reason: '一次性和解' }).expect(201);
      expect(res.body.planStatus).toBe('active');
    }
    await http(key).post(`/cases/${c.id}/plan/confirm-completion`).expect(409);
    const last = await waive(key, c.id, 12, { reason: '一次性和解', amount: '333.40' }).expect(201);
    expect(last.body).toMatchObject({ leftToPay: '0.00', planStatus: 'completed' });

    const plan = await planOf(c.id, { token: w.borrower.token });
    expect(plan).toMatchObject({
      status: 'completed',
      paid: '1000.00',
      waived: '7000.00',
      owed: '0.00',
      remaining: '0.00',
      completedAt: expect.any(String),
    });
    expectAddsUp(plan);
    expect(plan.installments.map((i: PlanInstallment) => i.state)).toEqual([
      'paid',
      ...Array(11).fill('waived'),
    ]);
    const [completed] = await eventsOf(t, c.id, 'plan_completed');
    expect(completed.input).toMatchObject({ paid: '1000.00', waived: '7000.00' });
    expect(await outboxKinds(t, c.id, 'plan_completed')).toEqual([
      { kind: 'plan_completed.lender', to_address: w.lender.contactEmail },
    ]);
    const confirmed = await http(key).post(`/cases/${c.id}/plan/confirm-completion`).expect(200);
    expect(confirmed.body.paid).toBe('1000.00');

    // The certificate is there, and its public check says what was paid and what was waived.
    const pdf = await http({ token: w.borrower.token })
      .get(`/cases/${c.id}/plan/certificate`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const check = await t
      .http()
      .post('/api/v1/verify/settlement-certificate')
      .attach('file', pdf.body as Buffer, { filename: 'c.pdf', contentType: 'application/pdf' })
      .expect(200);
    expect(check.body).toMatchObject({
      caseNumber: c.caseNumber,
      paid: '1000.00',
      waived: '7000.00',
      intact: true,
    });
    // Nothing is left to waive or to pay on a completed plan.
    await waive(key, c.id, 1, { reason: 'again' }).expect(409);
    await http(key)
      .post(`/cases/${c.id}/payments`, { amount: '0.01', paidOn: today(), reference: 'P-2' })
      .expect(400);
  });
});
