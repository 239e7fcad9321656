import { act, createOrganization, createStaff, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { startSmtp, TestSmtp } from './smtp';
import { at, mailsOf, offline, ok, parseInvite, scheduled, sessionsOf } from './support/sessions';

describe('mediation sessions: calendars, minutes, sessions called off', () => {
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
