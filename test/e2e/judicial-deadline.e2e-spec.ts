import { JudicialReminders } from '../../src/judicial/judicial-reminders';
import { adminToken, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { newCase } from './new-case';
import { startSmtp, TestSmtp } from './smtp';
import { deliverMail } from './support/deadlines';
import { judicialApi, settle } from './support/judicial';

/*
 * The 30 days to apply for 司法确认 run from the agreement taking effect (the mediator's
 * confirmation and the seal), counted on the official calendar as 民事诉讼法 art. 85 counts
 * them; both parties are reminded 7 and 2 days before the last day, each reminder once. The
 * clock is moved to 2030, whose holidays the admin enters as a deployment would (test data:
 * 1–5 May off, Sunday 28 April worked).
 */
describe('judicial confirmation: the 30-day clock and its reminders', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let w: World;
  const clock = new MovableClock();
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ RUN_WORKER: 'false', SMTP_URL: smtp.url }, { clock });
    await t
      .http()
      .put('/api/v1/admin/calendar/2030')
      .set('Authorization', `Bearer ${await adminToken(t)}`)
      .send({
        holidays: ['2030-05-01', '2030-05-02', '2030-05-03', '2030-05-04', '2030-05-05'],
        makeupWorkdays: ['2030-04-28'],
        notice: '测试数据',
      })
      .expect(200);
    w = await newWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** Sessions are booked in real time (they must lie ahead), so the clock is back to now first. */
  const agreementToSign = () => {
    clock.setTo(new Date());
    return newCase(t, w, { status: 'awaiting_signatures' });
  };
  const reminderMails = async (caseId: string) =>
    (await t.dataSource.query(
      `SELECT kind, to_address, text_body FROM mail_outbox
        WHERE case_id = $1 AND kind LIKE 'judicial_confirmation_reminder.%' ORDER BY kind, created_at`,
      [caseId],
    )) as { kind: string; to_address: string; text_body: string }[];

  it('ends 30 days after the Beijing day the agreement took effect, rolled past the holiday; reminds at 7 and 2 days, once each', async () => {
    const c = await agreementToSign();
    // Sealed at 00:30 on 4 April in Beijing, still 3 April in UTC: the Beijing day counts.
    clock.setTo('2030-04-04T00:30:00+08:00');
    await settle(t, w, c.id);
    clock.setTo('2030-04-10T15:00:00+08:00');
    const asked = await judicialApi(t).ask(w.borrower.token, c.id).expect(201);
    expect(asked.body.deadline).toEqual({
      at: '2030-05-07T00:00:00+08:00',
      unit: 'calendar_days',
      length: 30,
      startedAt: expect.stringMatching(/^2030-04-04T00:30:00(\.\d+)?\+08:00$/),
      startDay: '2030-04-04',
      firstCountedDay: '2030-04-05',
      lastDay: '2030-05-06',
      skipped: [
        { date: '2030-05-04', why: 'holiday' },
        { date: '2030-05-05', why: 'holiday' },
      ],
      rolledFrom: '2030-05-04',
      provisional: false,
      description: {
        'zh-CN':
          '自调解协议生效之日起：30 日，自 4月4日次日起算，末日5月4日为法定节假日，顺延至其后第一个工作日，5月6日24:00届满。',
        en: expect.stringContaining('6 May'),
      },
      reminders: ['2030-04-29T09:00:00+08:00', '2030-05-04T09:00:00+08:00'],
    });

    const jobs = async () =>
      (await t.dataSource.query(
        `SELECT key, run_at FROM graphile_worker.jobs
          WHERE task_identifier = 'judicial_confirmation_reminder' ORDER BY run_at`,
      )) as { key: string; run_at: Date }[];
    expect(await jobs()).toEqual([
      { key: `judicial-reminder:${c.id}:7`, run_at: new Date('2030-04-29T09:00:00+08:00') },
      { key: `judicial-reminder:${c.id}:2`, run_at: new Date('2030-05-04T09:00:00+08:00') },
    ]);

    const reminders = t.app.get(JudicialReminders);
    const seven = { caseId: c.id, daysBefore: 7 };
    const two = { caseId: c.id, daysBefore: 2 };
    // A job that runs early sends nothing and puts itself back for its time.
    clock.setTo('2030-04-29T08:59:00+08:00');
    expect(await reminders.send(seven)).toBe(false);
    expect(await reminderMails(c.id)).toEqual([]);
    expect((await jobs()).map((j) => j.key)).toContain(`judicial-reminder:${c.id}:7`);

    clock.setTo('2030-04-29T09:00:30+08:00');
    expect(await reminders.send(seven)).toBe(true);
    expect(await reminders.send(seven)).toBe(false);
    const first = await reminderMails(c.id);
    expect(first.map((m) => [m.kind, m.to_address])).toEqual([
      ['judicial_confirmation_reminder.borrower', w.borrower.email],
      ['judicial_confirmation_reminder.lender', w.lender.contactEmail],
    ]);
    expect(await deliverMail(t, c.id, 'judicial_confirmation_reminder.borrower')).toBe(1);
    const [mail] = smtp.received.filter(
      (m) => m.subject.includes('司法确认') && m.subject.includes(c.caseNumber),
    );
    expect(mail.envelopeTo).toEqual([w.borrower.email]);
    expect(mail.text).toContain('申请期限：2030-05-06 24:00 (北京时间)届满，距届满还有 7 日');
    expect(mail.text).toContain('北京市朝阳区人民法院');
    expect(mail.text).toContain('末日5月4日为法定节假日');

    // Two days before: two instances run the job at once; one mail per party goes out.
    clock.setTo('2030-05-04T09:05:00+08:00');
    const raced = await Promise.all([reminders.send(two), reminders.send(two)]);
    expect(raced.sort()).toEqual([false, true]);
    expect(await reminders.send(two)).toBe(false);
    const all = await reminderMails(c.id);
    expect(all).toHaveLength(4);
    expect(all.filter((m) => m.text_body.includes('还有 2 日'))).toHaveLength(2);
  });

  it('sends no reminder once the application is filed, nor after the period', async () => {
    const c = await agreementToSign();
    clock.setTo('2030-04-04T10:00:00+08:00');
    await settle(t, w, c.id);
    const api = judicialApi(t);
    await api.ask(w.lenderRep.token, c.id).expect(201);
    await api.join(w.lenderRep.token, c.id).expect(200);
    await api.join(w.borrower.token, c.id).expect(200);
    await api.outcome(w.clerk.token, c.id, { outcome: 'applied' }).expect(200);
    clock.setTo('2030-04-29T09:30:00+08:00');
    const reminders = t.app.get(JudicialReminders);
    expect(await reminders.send({ caseId: c.id, daysBefore: 7 })).toBe(false);
    expect(await reminderMails(c.id)).toEqual([]);

    // Another case asked for and left: past the end, neither a reminder nor a late join.
    const late = await agreementToSign();
    clock.setTo('2030-04-04T10:00:00+08:00');
    await settle(t, w, late.id);
    await api.ask(w.borrower.token, late.id).expect(201);
    clock.setTo('2030-05-07T00:00:00+08:00');
    expect(await reminders.send({ caseId: late.id, daysBefore: 2 })).toBe(false);
    expect(await reminderMails(late.id)).toEqual([]);
    const closed = await api.join(w.lenderRep.token, late.id).expect(409);
    expect(closed.body.message).toContain('30 days');
  });

  /** The reminder jobs of one case as queued: key, time and the payload the worker passes. */
  const queued = async (caseId: string) =>
    (await t.dataSource.query(
      `SELECT j.key, j.run_at, p.payload FROM graphile_worker.jobs j
         JOIN graphile_worker._private_jobs p ON p.id = j.id
        WHERE j.task_identifier = 'judicial_confirmation_reminder' AND p.payload->>'caseId' = $1
        ORDER BY j.run_at`,
      [caseId],
    )) as { key: string; run_at: Date; payload: Record<string, unknown> }[];

  it('reminds both parties of a settled case nobody asked for, from the jobs the seal queued; asking queues nothing twice', async () => {
    const c = await agreementToSign();
    clock.setTo('2030-04-04T00:30:00+08:00');
    await settle(t, w, c.id);
    // Nobody asked: the seal queued both reminders of the 30 days (rolled past May Day).
    await judicialApi(t).get(w.borrower.token, c.id).expect(404);
    const atSeal = await queued(c.id);
    expect(atSeal.map((j) => [j.key, j.run_at])).toEqual([
      [`judicial-reminder:${c.id}:7`, new Date('2030-04-29T09:00:00+08:00')],
      [`judicial-reminder:${c.id}:2`, new Date('2030-05-04T09:00:00+08:00')],
    ]);

    const reminders = t.app.get(JudicialReminders);
    clock.setTo('2030-04-29T09:00:30+08:00');
    expect(await reminders.send(atSeal[0].payload)).toBe(true);
    // The job run again (a restart, a second instance): the sent-record keeps it to one.
    expect(await reminders.send(atSeal[0].payload)).toBe(false);
    const seven = await reminderMails(c.id);
    expect(seven.map((m) => [m.kind, m.to_address])).toEqual([
      ['judicial_confirmation_reminder.borrower', w.borrower.email],
      ['judicial_confirmation_reminder.lender', w.lender.contactEmail],
    ]);
    expect(seven[0].text_body).toContain('2030-05-06 24:00 (北京时间)届满，距届满还有 7 日');
    expect(seven[0].text_body).toContain('北京市朝阳区人民法院');
    expect(seven[0].text_body).toContain('申请人确认共同申请：尚未确认');

    // The borrower asks after the first reminder: the same keys, one job per lead.
    clock.setTo('2030-04-30T10:00:00+08:00');
    await judicialApi(t).ask(w.borrower.token, c.id).expect(201);
    expect((await queued(c.id)).map((j) => j.key)).toEqual([
      `judicial-reminder:${c.id}:7`,
      `judicial-reminder:${c.id}:2`,
    ]);
    clock.setTo('2030-05-04T09:05:00+08:00');
    expect(await reminders.send(atSeal[1].payload)).toBe(true);
    const all = await reminderMails(c.id);
    expect(all).toHaveLength(4);
    expect(all.filter((m) => m.text_body.includes('还有 2 日'))).toHaveLength(2);
  });

  it('sends no reminder of a settled case whose application was filed before any asked for', async () => {
    const c = await agreementToSign();
    clock.setTo('2030-04-04T10:00:00+08:00');
    await settle(t, w, c.id);
    const jobs = await queued(c.id);
    expect(jobs).toHaveLength(2);
    const api = judicialApi(t);
    await api.ask(w.borrower.token, c.id).expect(201);
    await api.join(w.borrower.token, c.id).expect(200);
    await api.join(w.lenderRep.token, c.id).expect(200);
    await api.outcome(w.clerk.token, c.id, { outcome: 'applied' }).expect(200);
    const reminders = t.app.get(JudicialReminders);
    clock.setTo('2030-04-29T09:30:00+08:00');
    expect(await reminders.send(jobs[0].payload)).toBe(false);
    clock.setTo('2030-05-04T09:30:00+08:00');
    expect(await reminders.send(jobs[1].payload)).toBe(false);
    expect(await reminderMails(c.id)).toEqual([]);
  });
});
