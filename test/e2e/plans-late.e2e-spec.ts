import { JobsService } from '../../src/jobs/jobs.service';
import { PlanLateness } from '../../src/plans/plan-lateness';
import { adminToken, newWorld } from './factories';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { startSmtp, TestSmtp, until } from './smtp';
import { startReceiver, verifyMediationSignature } from './support/lender';
import {
  beijingAt,
  beijingDay,
  eventsOf,
  inAppKinds,
  outboxKinds,
  planJobs,
  settledInTwo,
  shiftDay,
} from './support/plans';

/*
 * Issue 16: an installment unpaid more than the agreement's grace days (15) after its due date
 * is marked late, and the borrower, the lender and the mediator are told; only then may the
 * lender record that it invokes acceleration. When every installment is paid the lender is
 * asked to confirm. The lender's webhooks carry payment.recorded, installment.late and
 * plan.completed, signed and in order like the case's own events.
 */
interface PlanHook {
  id: string;
  type: string;
  action: string;
  from: string;
  to: string;
  data: Record<string, string | number>;
}

describe('repayment plan: late installments, acceleration, completion, webhooks', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  const clock = new MovableClock();
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', SMTP_URL: smtp.url }, { clock });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  const post = (token: string, path: string, body: object = {}) =>
    t.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);

  it('marks an installment late after the grace days, tells the three parties, and only then allows acceleration', async () => {
    const receiver = await startReceiver();
    try {
      const w = await newWorld(t);
      const hook = await post(await adminToken(t), `/organizations/${w.lender.id}/webhooks`, {
        url: receiver.url,
      }).expect(201);
      const { c, installments } = await settledInTwo(t, w, beijingDay(40));
      const [first] = installments;
      const accelerate = (token: string) =>
        post(token, `/cases/${c.id}/plan/acceleration`, { note: '第 1 期逾期。' });
      const mark = () => t.app.get(PlanLateness).mark({ installmentId: first.id });
      expect((await planJobs(t, 'plan_late')).map((j) => j.key).sort()).toEqual(
        installments.map((i) => `plan-late:${i.id}`).sort(),
      );

      // Nothing is late yet: the lender may not invoke acceleration.
      const early = await accelerate(w.lenderRep.token).expect(409);
      expect(early.body).toMatchObject({ code: 'CONFLICT' });
      expect(early.body.message).toContain('more than 15 days late');

      // 23:59 of the 15th day after the due date: late, but within the grace days.
      clock.setTo(beijingAt(shiftDay(first.due_date, 15), '23:59:00'));
      expect(await mark()).toBe(false);
      await accelerate(w.lenderRep.token).expect(409);

      // From 00:00 of the 16th day, the job marks it, once.
      clock.setTo(beijingAt(shiftDay(first.due_date, 16), '00:00:30'));
      await t.app.get(JobsService).runNow(t.dataSource.manager, ['plan_late']);
      await until(async () => {
        const [row] = await t.dataSource.query(
          `SELECT state FROM plan_installments WHERE id = $1`,
          [first.id],
        );
        return row.state === 'late';
      }, 'the first installment to be marked late');
      expect(await mark()).toBe(false);
      const plan = await t
        .http()
        .get(`/api/v1/cases/${c.id}/plan`)
        .set('Authorization', `Bearer ${w.borrower.token}`)
        .expect(200);
      expect(plan.body.installments.map((i: { state: string }) => i.state)).toEqual([
        'late',
        'due',
      ]);
      expect(await eventsOf(t, c.id, 'installment_late')).toEqual([
        {
          action: 'installment_late',
          from_status: 'settled',
          to_status: 'settled',
          actor_role: 'system',
          input: {
            seq: 1,
            dueDate: first.due_date,
            amount: '4000.00',
            unpaid: '4000.00',
            graceDays: 15,
          },
        },
      ]);

      // The three parties are told, by mail and in-app, in neutral words.
      expect(
        (await outboxKinds(t, c.id, 'installment_late')).map((m) => m.to_address).sort(),
      ).toEqual([w.borrower.email, w.lender.contactEmail, w.mediator.email].sort());
      const lateMails = () =>
        smtp.received.filter(
          (m) => m.subject.includes(c.caseNumber) && m.subject.includes('宽限期'),
        );
      await smtp.waitFor(() => lateMails().length === 3, 'three notices of the late installment');
      for (const m of lateMails()) {
        expect(m.text).toContain(`到期日 ${first.due_date}`);
        expect(m.text).toContain('15 日宽限期');
        expect(m.text).not.toMatch(/起诉|催收|征信|后果/);
      }
      const told = (await inAppKinds(t, c.id, 'installment_late')).map((n) => n.user_id).sort();
      expect(told).toEqual([w.borrower.id, w.lenderRep.id, w.mediator.id].sort());

      // Now the lender may record acceleration, once; the borrower may not.
      await accelerate(w.borrower.token).expect(403);
      const invoked = await accelerate(w.lenderRep.token).expect(201);
      expect(invoked.body).toMatchObject({ lateInstallments: [1], outstanding: '8000.00' });
      const [recorded] = await eventsOf(t, c.id, 'acceleration_invoked');
      expect(recorded).toMatchObject({
        actor_role: 'lender',
        input: { lateInstallments: '1', outstanding: '8000.00', note: '第 1 期逾期。' },
      });
      await accelerate(w.lenderRep.token).expect(409);
      // Recorded, never automatic: the plan's figures and states are unchanged.
      expect(
        (await outboxKinds(t, c.id, 'acceleration_invoked')).map((m) => m.kind).sort(),
      ).toEqual(['acceleration_invoked.borrower', 'acceleration_invoked.mediator']);

      // Completion: refused before, then the last fen paid; the lender is asked to confirm.
      const confirm = () => post(w.lenderRep.token, `/cases/${c.id}/plan/confirm-completion`);
      await confirm().expect(409);
      const paidOn = shiftDay(first.due_date, 16);
      const pay = (reference: string) =>
        post(w.lenderRep.token, `/cases/${c.id}/payments`, {
          amount: '4000.00',
          paidOn,
          reference,
        });
      await pay('HF-LATE-1').expect(201);
      await pay('HF-LATE-2').expect(201);
      const done = await t
        .http()
        .get(`/api/v1/cases/${c.id}/plan`)
        .set('Authorization', `Bearer ${w.lenderRep.token}`)
        .expect(200);
      expect(done.body).toMatchObject({ status: 'completed', paid: '8000.00', remaining: '0.00' });
      expect(await outboxKinds(t, c.id, 'plan_completed')).toEqual([
        { kind: 'plan_completed.lender', to_address: w.lender.contactEmail },
      ]);
      // The representative who reported the last payment is asked too, in-app.
      expect(await inAppKinds(t, c.id, 'plan_completed')).toEqual([
        { kind: 'plan_completed.lender', user_id: w.lenderRep.id },
      ]);
      await smtp.waitFor(
        () => smtp.received.some((m) => m.subject.includes(`请确认（案号 ${c.caseNumber}）`)),
        'the lender asked to confirm',
      );
      const confirmed = await confirm().expect(200);
      expect(confirmed.body).toMatchObject({ paid: '8000.00' });
      expect(await eventsOf(t, c.id, 'plan_completion_confirmed')).toMatchObject([
        { actor_role: 'lender', input: { paid: '8000.00' } },
      ]);
      await confirm().expect(409);
      await accelerate(w.lenderRep.token).expect(409);

      // The plan's webhooks: signed like the case's, after them, in the timeline's order.
      const planTypes = [
        'installment.late',
        'payment.recorded',
        'payment.recorded',
        'plan.completed',
      ];
      const bodies = () =>
        receiver
          .forCase(c.id)
          .map((r) => ({ r, body: JSON.parse(r.raw) as PlanHook }))
          .filter((x) => !x.body.type.startsWith('case.'));
      await until(async () => bodies().length === planTypes.length, 'the plan’s webhooks', 60_000);
      expect(bodies().map((x) => x.body.type)).toEqual(planTypes);
      const all = receiver.forCase(c.id).map((r) => Number(r.body.id));
      expect(all).toEqual([...all].sort((x, y) => x - y));
      for (const { r, body } of bodies()) {
        const signature = String(r.headers['x-mediation-signature']);
        expect(verifyMediationSignature(r.raw, signature, hook.body.secret, 1e9)).toBe(true);
        expect(r.headers['x-mediation-event-id']).toBe(body.id);
        expect(body).toMatchObject({ action: expect.any(String), from: 'settled', to: 'settled' });
      }
      const [late, pay1, , completed] = bodies().map((x) => x.body);
      expect(late.data).toEqual({
        seq: 1,
        dueDate: first.due_date,
        amount: '4000.00',
        unpaid: '4000.00',
        graceDays: 15,
      });
      expect(pay1.data).toMatchObject({ reference: 'HF-LATE-1', amount: '4000.00', paidOn });
      expect(pay1.data).toMatchObject({ leftToPay: '4000.00', source: 'lender' });
      expect(completed.data).toMatchObject({ paid: '8000.00', completedOn: paidOn });
      // No personal data in a plan event either.
      for (const { r } of bodies()) expect(r.raw).not.toContain(w.borrower.email);
    } finally {
      await receiver.close();
    }
  });
});
