import { SessionReminders } from '../../src/sessions/session-reminders';
import { act, newWorld } from './factories';
import { startTestApp, TestApp } from './harness';
import { startSmtp, TestSmtp, until } from './smtp';
import { mailsOf, offline, ok, scheduled, sessionsOf, slot } from './support/sessions';

describe('session reminders', () => {
  let smtp: TestSmtp;
  let a: TestApp | undefined;
  let b: TestApp | undefined;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await smtp.stop();
  });

  it('sends a reminder that fell due while the service was down once it is back, once', async () => {
    // Reminders 19m55s ahead: a session 20 minutes away is due for one within seconds.
    const env = { SESSION_REMINDER_BEFORE: 'PT19M55S' };
    a = await startTestApp({ ...env, RUN_WORKER: 'false' });
    const w = await newWorld(a);
    const due = await scheduled(a, w, offline(20));
    const moved = await scheduled(a, w, offline(20 + 60 * 3));
    const cancelled = await scheduled(a, w, offline(20 + 60 * 6));
    // Moved to three hours later: its reminder moves with it; the old time must never fire.
    const [movedBefore] = await sessionsOf(a, w.mediator.token, moved.id);
    await ok(act(a, w.mediator.token, moved.id, 'reschedule_session', slot(20 + 60 * 9)));
    await ok(act(a, w.mediator.token, cancelled.id, 'cancel_session', { reason: '改期' }));

    const [dueSession] = await sessionsOf(a, w.mediator.token, due.id);
    const jobs = async (app: TestApp = a ?? b!) =>
      (await app.dataSource.query(
        `SELECT key, run_at <= now() AS ripe FROM graphile_worker.jobs
          WHERE task_identifier = 'session_reminder' ORDER BY run_at`,
      )) as { key: string; ripe: boolean }[];
    expect((await jobs()).map((j) => j.key)).toEqual([
      `reminder:${dueSession.id}`,
      `reminder:${movedBefore.id}`,
    ]);
    // The service is down while the first reminder falls due.
    await until(async () => (await jobs())[0].ripe, 'the first reminder to fall due');
    const databaseUrl = a.databaseUrl;
    await a.close();
    a = undefined;

    b = await startTestApp({ ...env, SMTP_URL: smtp.url }, { databaseUrl });
    const remindersOf = (caseNumber: string) =>
      smtp.received.filter((m) => m.subject.includes('提醒') && m.subject.includes(caseNumber));
    await smtp.waitFor(() => remindersOf(due.caseNumber).length === 3, 'three reminders');
    const people = [w.borrower.email, w.lender.contactEmail, w.mediator.email].sort();
    const received = remindersOf(due.caseNumber);
    expect(received.flatMap((m) => m.envelopeTo).sort()).toEqual(people);
    for (const mail of received) {
      expect(mail.text).toContain(dueSession.startsAt.slice(0, 16).replace('T', ' '));
      expect(mail.text).toContain(String(dueSession.location));
    }
    await until(async () => (await jobs()).length === 1, 'the reminder job to finish');
    expect((await jobs()).map((j) => j.key)).toEqual([`reminder:${movedBefore.id}`]);

    // Run again (a job runs at least once), or for the moved session's old time: nothing is sent.
    const reminders = b.app.get(SessionReminders);
    expect(await reminders.send({ sessionId: dueSession.id, startsAt: dueSession.startsAt })).toBe(
      false,
    );
    expect(
      await reminders.send({ sessionId: movedBefore.id, startsAt: movedBefore.startsAt }),
    ).toBe(false);
    const [cancelledSession] = await sessionsOf(b, w.mediator.token, cancelled.id);
    expect(
      await reminders.send({ sessionId: cancelledSession.id, startsAt: cancelledSession.startsAt }),
    ).toBe(false);
    expect(await mailsOf(b, due.id, 'session_reminder')).toHaveLength(3);
    expect(await mailsOf(b, moved.id, 'session_reminder')).toEqual([]);
    expect(await mailsOf(b, cancelled.id, 'session_reminder')).toEqual([]);
    expect(remindersOf(due.caseNumber)).toHaveLength(3);
    expect(remindersOf(moved.caseNumber)).toEqual([]);
    expect(remindersOf(cancelled.caseNumber)).toEqual([]);
  });
});
