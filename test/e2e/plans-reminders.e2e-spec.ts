import { JobsService } from '../../src/jobs/jobs.service';
import { PlanReminders } from '../../src/plans/plan-reminders';
import { newWorld } from './factories';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { startSmtp, TestSmtp, until } from './smtp';
import {
  beijingAt,
  beijingDay,
  inAppKinds,
  outboxKinds,
  planJobs,
  settledInTwo,
  shiftDay,
} from './support/plans';

/*
 * Issue 16: the borrower is reminded PLAN_REMINDER_DAYS before each due date, by mail and
 * in-app, from a durable job per installment: a reminder that fell due while the service was
 * down goes out once it is back, and neither a restart nor a second instance sends it again.
 */
describe('repayment plan: reminders before each due date', () => {
  let smtp: TestSmtp;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await smtp.stop();
  });

  it('reminds three days before, once, across a restart and with two instances', async () => {
    const clock = new MovableClock();
    const env = { PLAN_REMINDER_DAYS: '3', SMTP_URL: smtp.url };
    const a = await startTestApp({ ...env, RUN_WORKER: 'false' }, { clock });
    const w = await newWorld(a);
    const { c, installments } = await settledInTwo(a, w, beijingDay(40));
    const [first, second] = installments;
    const reminders = (app: TestApp) => app.app.get(PlanReminders);

    // One job per installment, keyed by it, for 09:00 Beijing three days before its due date.
    const expected = installments.map((i) => ({
      key: `plan-reminder:${i.id}`,
      run_at: beijingAt(shiftDay(i.due_date, -3), '09:00:00'),
    }));
    expect(
      (await planJobs(a, 'plan_reminder')).map(({ key, run_at }) => ({ key, run_at })),
    ).toEqual(expected);

    // Four days before: too early, nothing is sent and the job waits for its day.
    clock.setTo(beijingAt(shiftDay(first.due_date, -4), '12:00:00'));
    expect(await reminders(a).send({ installmentId: first.id })).toBe(false);
    expect(await outboxKinds(a, c.id, 'plan_reminder')).toEqual([]);

    // The reminder's day comes while the service is down; it is back a little later.
    clock.setTo(beijingAt(shiftDay(first.due_date, -3), '09:30:00'));
    await a.app.get(JobsService).runNow(a.dataSource.manager, ['plan_reminder']);
    await a.close();
    const b = await startTestApp(env, { databaseUrl: a.databaseUrl, clock });
    apps.push(b);
    const reminderMails = () =>
      smtp.received.filter(
        (m) => m.subject.includes(c.caseNumber) && m.subject.includes('还款提醒'),
      );
    await smtp.waitFor(() => reminderMails().length === 1, 'the first reminder');
    const [mail] = reminderMails();
    expect(mail.envelopeTo).toEqual([w.borrower.email]);
    expect(mail.subject).toContain(`第 1 期将于 ${first.due_date} 到期`);
    expect(mail.text).toContain('4000.00');
    expect(await inAppKinds(b, c.id, 'plan_reminder')).toEqual([
      { kind: 'plan_reminder.borrower', user_id: w.borrower.id },
    ]);
    // The first job is done; the second, run early with it, waits again for its own day.
    await until(
      async () => (await planJobs(b, 'plan_reminder')).length === 1,
      'the first job to finish',
    );
    const [pending] = await planJobs(b, 'plan_reminder');
    expect(pending.key).toBe(`plan-reminder:${second.id}`);
    expect(pending.run_at).toEqual(beijingAt(shiftDay(second.due_date, -3), '09:00:00'));

    // A restart, and the job run again (at least once): nothing is sent twice.
    await b.close();
    apps.pop();
    const b2 = await startTestApp(env, { databaseUrl: a.databaseUrl, clock });
    const b3 = await startTestApp(env, { databaseUrl: a.databaseUrl, clock });
    apps.push(b2, b3);
    expect(await reminders(b2).send({ installmentId: first.id })).toBe(false);
    expect(await outboxKinds(b2, c.id, 'plan_reminder')).toHaveLength(1);

    // The second installment's day, with two instances running its job at once: one sends.
    clock.setTo(beijingAt(shiftDay(second.due_date, -3), '09:00:05'));
    const sent = await Promise.all([
      reminders(b2).send({ installmentId: second.id }),
      reminders(b3).send({ installmentId: second.id }),
    ]);
    expect(sent.filter(Boolean)).toHaveLength(1);
    await b2.app.get(JobsService).runNow(b2.dataSource.manager, ['plan_reminder']);
    await until(
      async () => (await planJobs(b2, 'plan_reminder')).length === 0,
      'the second job to finish',
    );
    await smtp.waitFor(() => reminderMails().length === 2, 'the second reminder');
    expect(reminderMails()[1].subject).toContain(`第 2 期将于 ${second.due_date} 到期`);
    expect(await outboxKinds(b2, c.id, 'plan_reminder')).toHaveLength(2);
    expect(await inAppKinds(b2, c.id, 'plan_reminder')).toHaveLength(2);
    expect(reminderMails()).toHaveLength(2);
  });

  it('does not remind of an installment already paid', async () => {
    const clock = new MovableClock();
    const t = await startTestApp({ RUN_WORKER: 'false' }, { clock });
    apps.push(t);
    const w = await newWorld(t);
    const { c, installments } = await settledInTwo(t, w, beijingDay(40));
    // Paid today, weeks early: the current installment, so the first is paid in full.
    await t
      .http()
      .post(`/api/v1/cases/${c.id}/payments`)
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .send({ amount: '4000.00', paidOn: beijingDay(0), reference: 'HF-EARLY-1' })
      .expect(201);
    clock.setTo(beijingAt(shiftDay(installments[0].due_date, -3), '10:00:00'));
    expect(await t.app.get(PlanReminders).send({ installmentId: installments[0].id })).toBe(false);
    expect(await outboxKinds(t, c.id, 'plan_reminder')).toEqual([]);
  });
});
