import { sync as icalSync } from 'node-ical';
import type { VEvent } from 'node-ical';
import { SessionReminders } from '../../src/sessions/session-reminders';
import { act, createOrganization, createStaff, fileCase, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { ReceivedMail, startSmtp, TestSmtp, until } from './smtp';

const MINUTE = 60_000;

/** An instant `minutesAhead` from now, on a whole second, as Beijing time with offset. */
function at(minutesAhead: number): string {
  const d = new Date(Math.ceil((Date.now() + minutesAhead * MINUTE) / 1000) * 1000);
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

const slot = (minutesAhead: number, lengthMinutes = 60) => ({
  startsAt: at(minutesAhead),
  endsAt: at(minutesAhead + lengthMinutes),
});

const offline = (minutesAhead: number, lengthMinutes = 60) => ({
  ...slot(minutesAhead, lengthMinutes),
  mode: 'offline',
  location: '北京市朝阳区调解中心 3 号调解室',
});

const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();

async function ok<R extends { status: number; body: unknown }>(res: Promise<R>): Promise<R> {
  const r = await res;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** A case of the world's own centre that the lender agreed to mediate: waiting for its session. */
async function awaitingSession(t: TestApp, w: World): Promise<{ id: string; caseNumber: string }> {
  const c = await fileCase(t, w, { mediationCenterId: w.center.id });
  await ok(act(t, w.clerk.token, c.id, 'accept', { mediatorId: w.mediator.id }));
  await ok(act(t, w.lenderRep.token, c.id, 'lender_accept', {}));
  return c;
}

async function scheduled(t: TestApp, w: World, body: Record<string, unknown>) {
  const c = await awaitingSession(t, w);
  const res = await act(t, w.mediator.token, c.id, 'schedule_session', body);
  if (res.status !== 200) throw new Error(`schedule: ${res.status} ${JSON.stringify(res.body)}`);
  return c;
}

type SessionView = Record<string, unknown> & { id: string; startsAt: string; endsAt: string };

const sessionsOf = async (t: TestApp, token: string, caseId: string) =>
  (
    await t
      .http()
      .get(`/api/v1/cases/${caseId}/sessions`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200)
  ).body as SessionView[];

interface OutboxMail {
  kind: string;
  to_address: string;
  attachments: { filename: string; contentBase64: string; icalMethod?: string }[];
}

const mailsOf = (t: TestApp, caseId: string, kindPrefix: string): Promise<OutboxMail[]> =>
  t.dataSource.query(
    `SELECT kind, to_address, attachments FROM mail_outbox
      WHERE case_id = $1 AND kind LIKE $2 ORDER BY kind`,
    [caseId, `${kindPrefix}.%`],
  );

function parseIcs(ics: string): { method: string; event: VEvent } {
  const parsed = icalSync.parseICS(ics);
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return { method: String(parsed.vcalendar?.method), event: events[0] };
}

function parseInvite(mail: OutboxMail): { method: string; event: VEvent } {
  const ics = mail.attachments.find((a) => a.filename.endsWith('.ics'));
  if (!ics) throw new Error(`${mail.kind} has no calendar attachment`);
  return parseIcs(Buffer.from(ics.contentBase64, 'base64').toString('utf8'));
}

/** The calendar part of a mail as received over SMTP. */
const calendarOf = (mail: ReceivedMail) =>
  mail.parts.find((p) => p.contentType === 'text/calendar')?.content.toString('utf8');

const attendeeEmails = (e: VEvent) =>
  (Array.isArray(e.attendee) ? e.attendee : [e.attendee])
    .map((a) => (typeof a === 'string' ? a : a!.val).replace(/^mailto:/i, '').toLowerCase())
    .sort();
const text = (v: unknown) => (typeof v === 'object' && v !== null && 'val' in v ? v.val : v);

describe('mediation sessions', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url });
    w = await newWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('lets exactly one of six racing bookings of one mediator at overlapping times win', async () => {
    const world = await newWorld(t);
    const cases = await Promise.all(Array.from({ length: 6 }, () => awaitingSession(t, world)));
    // Six one-hour sessions starting ten minutes apart: every two of them overlap.
    const answers = await Promise.all(
      cases.map((c, i) =>
        act(t, world.mediator.token, c.id, 'schedule_session', offline(3 * 24 * 60 + i * 10)),
      ),
    );
    const won = answers.filter((r) => r.status === 200);
    const lost = answers.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(5);
    const winner = cases[answers.indexOf(won[0])];
    const [booked] = await sessionsOf(t, world.mediator.token, winner.id);
    for (const r of lost) {
      expect(r.body.code).toBe('SESSION_CONFLICT');
      expect(sameInstant(r.body.conflict.startsAt, booked.startsAt as string)).toBe(true);
      expect(sameInstant(r.body.conflict.endsAt, booked.endsAt as string)).toBe(true);
      expect(r.body.message).toContain(booked.startsAt);
    }
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM mediation_sessions WHERE mediator_id = $1`,
      [world.mediator.id],
    );
    expect(n).toBe(1);
    for (const c of cases.filter((c) => c !== winner)) {
      expect(await sessionsOf(t, world.mediator.token, c.id)).toEqual([]);
    }
  });

  it('books a session the parties can see, with an invite for each of them', async () => {
    const body = offline(2 * 24 * 60, 90);
    const c = await scheduled(t, w, body);
    for (const token of [w.borrower.token, w.lenderRep.token, w.mediator.token, w.clerk.token]) {
      const [s] = await sessionsOf(t, token, c.id);
      expect(s).toMatchObject({ status: 'scheduled', mode: 'offline', location: body.location });
      expect(s.startsAt).toBe(body.startsAt);
      expect(s.endsAt).toBe(body.endsAt);
    }
    const mails = await mailsOf(t, c.id, 'schedule_session');
    expect(mails.map((m) => m.kind)).toEqual([
      'schedule_session.borrower',
      'schedule_session.lender',
      'schedule_session.mediator',
    ]);
    const [{ id: sessionId }] = await sessionsOf(t, w.mediator.token, c.id);
    const people = [w.borrower.email, w.lender.contactEmail, w.mediator.email]
      .map((e) => e.toLowerCase())
      .sort();
    const invitesFor = (received: ReceivedMail[]) =>
      received.filter((m) => calendarOf(m)?.includes(`UID:session-${sessionId}@`));
    const received = invitesFor(
      await smtp.waitFor((r) => invitesFor(r).length === 3, 'three invites'),
    );
    expect(received.flatMap((m) => m.envelopeTo.map((e) => e.toLowerCase())).sort()).toEqual(
      people,
    );
    for (const mail of received) {
      const { method, event } = parseIcs(calendarOf(mail)!);
      expect(method).toBe('REQUEST');
      expect(event.start.toISOString()).toBe(new Date(body.startsAt).toISOString());
      expect(event.end?.toISOString()).toBe(new Date(body.endsAt).toISOString());
      expect(text(event.location)).toBe(body.location);
      expect(attendeeEmails(event)).toEqual(people);
      expect(event.sequence).toBe(0);
      // The mail's own text gives the time in Beijing time.
      expect(mail.text).toContain(body.startsAt.slice(0, 16).replace('T', ' '));
    }
  });

  it('moves a session to a free slot, and keeps it in place when the new slot is taken', async () => {
    const first = offline(4 * 24 * 60);
    const c = await scheduled(t, w, first);
    const other = offline(5 * 24 * 60);
    await scheduled(t, w, other);
    const [before] = await sessionsOf(t, w.mediator.token, c.id);

    const taken = await act(t, w.mediator.token, c.id, 'reschedule_session', {
      startsAt: at(5 * 24 * 60 + 30),
      endsAt: at(5 * 24 * 60 + 60),
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('SESSION_CONFLICT');
    expect(taken.body.conflict).toEqual({ startsAt: other.startsAt, endsAt: other.endsAt });
    expect(await sessionsOf(t, w.mediator.token, c.id)).toEqual([before]);
    expect(await mailsOf(t, c.id, 'reschedule_session')).toEqual([]);

    const free = {
      ...slot(6 * 24 * 60, 45),
      mode: 'online',
      meetingUrl: 'https://meet.example.cn/r/42',
    };
    const moved = await act(t, w.mediator.token, c.id, 'reschedule_session', free);
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('session_scheduled');
    const [after] = await sessionsOf(t, w.borrower.token, c.id);
    expect(after).toMatchObject({
      id: before.id,
      startsAt: free.startsAt,
      endsAt: free.endsAt,
      mode: 'online',
      location: null,
      meetingUrl: free.meetingUrl,
      sequence: 1,
    });
    const [mail] = await mailsOf(t, c.id, 'reschedule_session');
    const { method, event } = parseInvite(mail);
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe(parseInvite((await mailsOf(t, c.id, 'schedule_session'))[0]).event.uid);
    expect(event.sequence).toBe(1);
    expect(event.start.toISOString()).toBe(new Date(free.startsAt).toISOString());
    expect(text(event.location)).toBe(free.meetingUrl);
    // The old slot is free again.
    await scheduled(t, w, first);
  });

  it('cancels a session with a CANCEL for the same event and frees its slot', async () => {
    const body = offline(7 * 24 * 60);
    const c = await scheduled(t, w, body);
    const res = await act(t, w.mediator.token, c.id, 'cancel_session', {
      reason: '调解员临时有事',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('awaiting_session');
    const [s] = await sessionsOf(t, w.borrower.token, c.id);
    expect(s).toMatchObject({ status: 'cancelled', cancelReason: '调解员临时有事', sequence: 1 });
    const mails = await mailsOf(t, c.id, 'cancel_session');
    expect(mails).toHaveLength(3);
    const invite = parseInvite((await mailsOf(t, c.id, 'schedule_session'))[0]).event;
    const { method, event } = parseInvite(mails[0]);
    expect(method).toBe('CANCEL');
    expect(event.uid).toBe(invite.uid);
    expect(event.sequence).toBe(1);
    // The same mediator can book the slot again, on this case or another.
    await scheduled(t, w, body);
  });

  it.each([
    ['startsAt', 'in the past', offline(-60)],
    ['endsAt', 'ten minutes long', offline(24 * 60, 10)],
    ['endsAt', 'longer than eight hours', offline(24 * 60, 8 * 60 + 1)],
    ['endsAt', 'after the mediation term', offline(40 * 24 * 60)],
    ['meetingUrl', 'online without a link', { ...slot(24 * 60), mode: 'online' }],
    ['location', 'offline without an address', { ...slot(24 * 60), mode: 'offline' }],
    [
      'location',
      'online with an address',
      { ...offline(24 * 60), mode: 'online', meetingUrl: 'https://meet.example.cn/r/1' },
    ],
    [
      'meetingUrl',
      'with a plain-http link',
      { ...slot(24 * 60), mode: 'online', meetingUrl: 'http://insecure.example.cn' },
    ],
    ['startsAt', 'without an offset', { ...offline(24 * 60), startsAt: '2026-12-03 10:00' }],
  ])(
    'refuses a booking with a bad %s (%s), naming it, and books nothing',
    async (field, _why, body) => {
      const c = await awaitingSession(t, w);
      const res = await act(t, w.mediator.token, c.id, 'schedule_session', body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await sessionsOf(t, w.mediator.token, c.id)).toEqual([]);
    },
  );

  it('shows a mediator their calendar, and a clerk of their centre only', async () => {
    const world = await newWorld(t);
    const soon = await scheduled(t, world, offline(24 * 60));
    const later = await scheduled(t, world, offline(20 * 24 * 60));
    const http = () => t.http();
    const mine = await http()
      .get('/api/v1/mediators/me/sessions')
      .set('Authorization', `Bearer ${world.mediator.token}`)
      .expect(200);
    expect(mine.body.items.map((s: { caseNumber: string }) => s.caseNumber)).toEqual([
      soon.caseNumber,
      later.caseNumber,
    ]);
    const window = await http()
      .get('/api/v1/mediators/me/sessions')
      .query({ from: at(10 * 24 * 60), to: at(30 * 24 * 60) })
      .set('Authorization', `Bearer ${world.mediator.token}`)
      .expect(200);
    expect(window.body.items.map((s: { caseId: string }) => s.caseId)).toEqual([later.id]);
    const paged = await http()
      .get('/api/v1/mediators/me/sessions')
      .query({ limit: 1 })
      .set('Authorization', `Bearer ${world.mediator.token}`)
      .expect(200);
    expect(paged.body.items).toHaveLength(1);
    const next = await http()
      .get('/api/v1/mediators/me/sessions')
      .query({ limit: 1, cursor: paged.body.nextCursor })
      .set('Authorization', `Bearer ${world.mediator.token}`)
      .expect(200);
    expect(next.body.items[0].caseId).toBe(later.id);
    expect(next.body.nextCursor).toBeNull();

    const byClerk = await http()
      .get(`/api/v1/mediators/${world.mediator.id}/sessions`)
      .set('Authorization', `Bearer ${world.clerk.token}`)
      .expect(200);
    // The reminder worker may touch updatedAt between the two reads; the sessions are the same.
    const sameSessions = (items: { id: string; startsAt: string; endsAt: string }[]) =>
      items.map(({ id, startsAt, endsAt }) => ({ id, startsAt, endsAt }));
    expect(sameSessions(byClerk.body.items)).toEqual(sameSessions(mine.body.items));

    const otherCentre = await createOrganization(t, 'mediation_center');
    const outsider = await createStaff(t, 'clerk', otherCentre.id);
    const foreign = await http()
      .get(`/api/v1/mediators/${world.mediator.id}/sessions`)
      .set('Authorization', `Bearer ${outsider.token}`);
    expect(foreign.status).toBe(404);
    const asBorrower = await http()
      .get('/api/v1/mediators/me/sessions')
      .set('Authorization', `Bearer ${world.borrower.token}`);
    expect(asBorrower.status).toBe(403);
    const tooWide = await http()
      .get('/api/v1/mediators/me/sessions')
      .query({ from: at(0), to: at(400 * 24 * 60) })
      .set('Authorization', `Bearer ${world.mediator.token}`);
    expect(tooWide.status).toBe(400);
    expect(tooWide.body.errors[0].field).toBe('to');
  });

  it('records the minutes of a held session for the parties, the mediator and the clerks', async () => {
    const c = await scheduled(t, w, offline(8 * 24 * 60));
    const adjourned = await act(t, w.mediator.token, c.id, 'adjourn', {
      minutes: '双方就分期方案交换了意见，约定下次会议继续协商。',
    });
    expect(adjourned.status).toBe(200);
    expect(adjourned.body.status).toBe('awaiting_session');
    for (const token of [w.borrower.token, w.lenderRep.token, w.mediator.token, w.clerk.token]) {
      const [s] = await sessionsOf(t, token, c.id);
      expect(s).toMatchObject({
        status: 'held',
        minutes: '双方就分期方案交换了意见，约定下次会议继续协商。',
      });
    }
    await ok(act(t, w.mediator.token, c.id, 'schedule_session', offline(9 * 24 * 60)));
    const neither = await act(t, w.mediator.token, c.id, 'close_unsuccessful', {});
    expect(neither.status).toBe(400);
    expect(neither.body.errors.map((e: { field: string }) => e.field)).toContain('minutes');
    const closed = await act(t, w.mediator.token, c.id, 'close_unsuccessful', {
      minutes: '出借人不同意减免，调解未能达成协议。',
    });
    expect(closed.status).toBe(200);
    const sessions = await sessionsOf(t, w.borrower.token, c.id);
    expect(sessions.map((s) => [s.status, s.minutes])).toEqual([
      ['held', '双方就分期方案交换了意见，约定下次会议继续协商。'],
      ['held', '出借人不同意减免，调解未能达成协议。'],
    ]);
  });

  it('calls off a session that has not begun when the mediation is closed with a reason', async () => {
    const body = offline(11 * 24 * 60);
    const c = await scheduled(t, w, body);
    await ok(act(t, w.mediator.token, c.id, 'close_unsuccessful', { reason: '出借人已起诉' }));
    const [s] = await sessionsOf(t, w.borrower.token, c.id);
    expect(s).toMatchObject({ status: 'cancelled', cancelReason: '出借人已起诉', minutes: null });
    const mails = await mailsOf(t, c.id, 'close_unsuccessful');
    expect(mails.map((m) => [m.kind, parseInvite(m).method])).toEqual([
      ['close_unsuccessful.borrower', 'CANCEL'],
      ['close_unsuccessful.lender', 'CANCEL'],
    ]);
  });

  it('calls off the booked session when the borrower withdraws', async () => {
    const body = offline(10 * 24 * 60);
    const c = await scheduled(t, w, body);
    await ok(act(t, w.borrower.token, c.id, 'withdraw', { reason: '已与出借人自行和解' }));
    const [s] = await sessionsOf(t, w.mediator.token, c.id);
    expect(s).toMatchObject({ status: 'cancelled', cancelReason: '已与出借人自行和解' });
    const [toMediator] = (await mailsOf(t, c.id, 'withdraw')).filter(
      (m) => m.kind === 'withdraw.mediator',
    );
    expect(parseInvite(toMediator).method).toBe('CANCEL');
    await scheduled(t, w, body);
  });
});

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
