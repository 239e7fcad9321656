import { act, application, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { outbox } from './support/notifications';
import { offline, slot } from './support/sessions';

const ONLY_SHARING = {
  privacyNoticeVersion: '2026-12-01',
  onlineMediation: false,
  electronicService: false,
  shareWithLender: true,
};
const POSTAL = '上海市浦东新区张杨路 500 号 1201 室';

describe('free consent: online mediation and electronic service are real choices', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const file = (body: Record<string, unknown>) =>
    t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .send(application(w.lender.id, { mediationCenterId: w.center.id, ...body }));

  it('still refuses filing without consent to share with the lender, naming the field', async () => {
    const res = await file({ consents: { ...ONLY_SHARING, shareWithLender: false } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({
      field: 'consents.shareWithLender',
      message: 'must be true: the lender needs your data to answer',
    });
  });

  it('wants a postal address from a borrower who declines electronic service', async () => {
    const res = await file({ consents: ONLY_SHARING });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('serviceAddress.postalAddress');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM cases WHERE borrower_id = $1`,
      [w.borrower.id],
    );
    expect(n).toBe(0);
  });

  it('files with only sharing consented; the mediator may book offline and not online', async () => {
    const c = await newCase(t, w, {
      status: 'awaiting_session',
      application: { consents: ONLY_SHARING, serviceAddress: { postalAddress: POSTAL } },
    });
    const online = await act(t, w.mediator.token, c.id, 'schedule_session', {
      ...slot(3 * 24 * 60),
      mode: 'online',
      meetingUrl: 'https://meet.example.test/room-1',
    });
    expect(online.status).toBe(400);
    expect(online.body.errors).toEqual([
      {
        field: 'mode',
        message:
          'must be offline: the borrower has not consented to online mediation for this case',
      },
    ]);
    const booked = await act(t, w.mediator.token, c.id, 'schedule_session', offline(3 * 24 * 60));
    expect(booked.status).toBe(200);
    expect(booked.body.status).toBe('session_scheduled');
    const moveOnline = await act(t, w.mediator.token, c.id, 'reschedule_session', {
      ...slot(4 * 24 * 60),
      mode: 'online',
      meetingUrl: 'https://meet.example.test/room-2',
    });
    expect(moveOnline.status).toBe(400);
    expect(moveOnline.body.errors[0].field).toBe('mode');
  });

  it('posts every notice of a borrower who declined electronic service, and mails none', async () => {
    const c = await newCase(t, w, {
      status: 'session_scheduled',
      application: { consents: ONLY_SHARING, serviceAddress: { postalAddress: POSTAL } },
      session: offline(5 * 24 * 60),
    });
    const mails = await outbox(t, c.id);
    expect(mails.filter((m) => m.to_address === w.borrower.email)).toEqual([]);
    expect(mails.length).toBeGreaterThan(0); // the lender and the mediator are still mailed
    const tasks = await t
      .http()
      .get('/api/v1/postal-tasks')
      .set('Authorization', `Bearer ${w.clerk.token}`);
    expect(tasks.status).toBe(200);
    const mine = tasks.body.filter((x: { caseId: string }) => x.caseId === c.id);
    // accept (mediator assigned) and schedule_session tell the borrower: each one a task.
    expect(mine.map((x: { kind: string }) => x.kind)).toEqual(
      expect.arrayContaining(['accept.borrower', 'schedule_session.borrower']),
    );
    for (const task of mine) {
      expect(task).toMatchObject({ postalAddress: POSTAL, status: 'open' });
      expect(task.textBody).toContain(c.caseNumber);
    }
    const done = await t
      .http()
      .post(`/api/v1/postal-tasks/${mine[0].id}/done`)
      .set('Authorization', `Bearer ${w.clerk.token}`)
      .send({ trackingNumber: 'XA123456789CN' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', trackingNumber: 'XA123456789CN' });
    const again = await t
      .http()
      .post(`/api/v1/postal-tasks/${mine[0].id}/done`)
      .set('Authorization', `Bearer ${w.clerk.token}`)
      .send({});
    expect(again.status).toBe(404);
    const events = await t
      .http()
      .get(`/api/v1/cases/${c.id}/events`)
      .set('Authorization', `Bearer ${w.clerk.token}`);
    expect(events.body.map((e: { action: string }) => e.action)).toContain('notice_posted');
    // Another centre's clerk sees none of it, and cannot mark it done.
    const other = await newWorld(t);
    const theirs = await t
      .http()
      .get('/api/v1/postal-tasks')
      .set('Authorization', `Bearer ${other.clerk.token}`);
    expect(theirs.body.filter((x: { caseId: string }) => x.caseId === c.id)).toEqual([]);
    const refused = await t
      .http()
      .post(`/api/v1/postal-tasks/${mine[1].id}/done`)
      .set('Authorization', `Bearer ${other.clerk.token}`)
      .send({});
    expect(refused.status).toBe(404);
  });

  it('mails a borrower who consented to electronic service and leaves no postal task', async () => {
    const c = await newCase(t, w, { status: 'awaiting_session' });
    const mails = await outbox(t, c.id);
    expect(mails.some((m) => m.to_address === w.borrower.email)).toBe(true);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM postal_tasks WHERE case_id = $1`,
      [c.id],
    );
    expect(n).toBe(0);
  });
});
