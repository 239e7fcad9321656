import { act, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { ReceivedMail, startSmtp, TestSmtp } from './smtp';
import {
  at,
  attendeeEmails,
  awaitingSession,
  calendarOf,
  mailsOf,
  offline,
  parseIcs,
  parseInvite,
  sameInstant,
  scheduled,
  sessionsOf,
  slot,
  text,
} from './support/sessions';
import { serveNotice } from './support/deadlines';

describe('mediation sessions: booking, moving, cancelling', () => {
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
      // The applicant has been served, so the mediation term runs and bounds the booking.
      await serveNotice(t, c.id, 'accept', 'borrower');
      const res = await act(t, w.mediator.token, c.id, 'schedule_session', body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await sessionsOf(t, w.mediator.token, c.id)).toEqual([]);
    },
  );
});
