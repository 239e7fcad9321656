import { login, newWorld, randomEmail, registerBorrower, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';

describe("a borrower's rights as routes, each recorded, none open to someone else", () => {
  let t: TestApp;
  let w: World;
  let other: { token: string; id: string };
  beforeAll(async () => {
    // Callers kept a minute: closing an account must still end its token at once.
    t = await startTestApp({ PRINCIPAL_CACHE_SECONDS: '60' });
    w = await newWorld(t);
    other = await registerBorrower(t);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => t.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      t.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      t.http().patch(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    del: (path: string, body: object) =>
      t.http().delete(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
  });

  it('names the configured controller, retention and the rights in the notice', async () => {
    const res = await t.http().get('/api/v1/privacy-notice?locale=en');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('2026-12-01');
    expect(res.body.controller.contactEmail).toBe('privacy@mediation.local');
    for (const part of ['30 years', '/api/v1/me/data', '12378', 'signing metadata', 'court']) {
      expect(res.body.text).toContain(part);
    }
    expect(res.body.history.map((h: { version: string }) => h.version)).toEqual([
      '2026-12-01',
      '2026-11-01',
    ]);
  });

  it('downloads the borrower’s own data as JSON, and another borrower gets only theirs', async () => {
    const c = await newCase(t, w, { status: 'submitted' });
    const res = await as(w.borrower.token).get('/me/data');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body.account).toMatchObject({
      email: w.borrower.email,
      idNumber: w.borrower.idNumber,
    });
    const mine = res.body.cases.find((x: { case: { id: string } }) => x.case.id === c.id);
    expect(mine.case.loan.contractNumber).toBeDefined();
    expect(mine.timeline[0].action).toBe('file');
    expect(mine.consents.map((k: { state: string }) => k.state)).toEqual([
      'in_force',
      'in_force',
      'in_force',
    ]);
    const theirs = await as(other.token).get('/me/data');
    expect(theirs.body.cases).toEqual([]);
    expect(JSON.stringify(theirs.body)).not.toContain(c.caseNumber);
    const log = await as(w.borrower.token).get('/me/rights-requests');
    expect(log.body.at(-1)).toMatchObject({ kind: 'access', outcome: 'done' });
  });

  it('corrects the contact data and records a new service address on the open case', async () => {
    const c = await newCase(t, w, { status: 'submitted' });
    const res = await as(w.borrower.token).patch('/me/contact', {
      phone: '13912345678',
      postalAddress: '北京市海淀区中关村大街 1 号',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'correction', outcome: 'done' });
    const history = await as(w.borrower.token).get(`/cases/${c.id}/service-addresses`);
    expect(history.body.map((h: { reason: string }) => h.reason)).toEqual(['filing', 'change']);
    expect(history.body[1]).toMatchObject({
      phone: '13912345678',
      postalAddress: '北京市海淀区中关村大街 1 号',
    });
    const events = await as(w.borrower.token).get(`/cases/${c.id}/events`);
    expect(events.body.at(-1).action).toBe('service_address_changed');
    expect((await as(other.token).get(`/cases/${c.id}/service-addresses`)).status).toBe(404);
    const notMine = await as(other.token).patch('/me/contact', {
      postalAddress: 'x 路',
      caseId: c.id,
    });
    expect(notMine.status).toBe(404);
    expect((await as(w.borrower.token).patch('/me/contact', { phone: '123' })).status).toBe(400);
  });

  it('says what withdrawing sharing does, and doing it withdraws the application', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    const states = await as(w.borrower.token).get(`/cases/${c.id}/consents`);
    const share = states.body.find((s: { kind: string }) => s.kind === 'shareWithLender');
    expect(share.consequence).toContain('withdraws your application');
    expect((await as(other.token).get(`/cases/${c.id}/consents`)).status).toBe(404);
    const path = `/cases/${c.id}/consents/shareWithLender/withdraw`;
    expect((await as(w.borrower.token).post(path, {})).status).toBe(400); // not confirmed
    expect((await as(other.token).post(path, { confirm: true })).status).toBe(404);
    const res = await as(w.borrower.token).post(path, { confirm: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'withdrawal', outcome: 'done' });
    const after = await as(w.borrower.token).get(`/cases/${c.id}`);
    expect(after.body.status).toBe('withdrawn');
    const events = (await as(w.borrower.token).get(`/cases/${c.id}/events`)).body;
    expect(events.map((e: { action: string }) => e.action).slice(-2)).toEqual([
      'withdraw',
      'consent_withdrawn',
    ]);
    expect((await as(w.borrower.token).post(path, { confirm: true })).status).toBe(409);
  });

  it('withdrawing online mediation leaves the mediator offline sessions only', async () => {
    const c = await newCase(t, w, { status: 'awaiting_session' });
    const res = await as(w.borrower.token).post(
      `/cases/${c.id}/consents/onlineMediation/withdraw`,
      {
        confirm: true,
      },
    );
    expect(res.status).toBe(200);
    const start = Date.now() + 6 * 86_400_000;
    const online = await as(w.mediator.token).post(`/cases/${c.id}/actions/schedule_session`, {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
      mode: 'online',
      meetingUrl: 'https://meet.example.test/r',
    });
    expect(online.status).toBe(400);
    expect(online.body.errors[0].field).toBe('mode');
  });

  it('closes an account only when no case is open, and records the refusal too', async () => {
    const b = await registerBorrower(t, { email: randomEmail('closing') });
    const withCase = { ...w, borrower: b };
    const c = await newCase(t, withCase, { status: 'submitted' });
    const refused = await as(b.token).del('/me', { confirm: true });
    expect(refused.status).toBe(409);
    await as(b.token).post(`/cases/${c.id}/actions/withdraw`, {});
    const closed = await as(b.token).del('/me', { confirm: true });
    expect(closed.status).toBe(200);
    expect(closed.body.answer).toContain('kept for their legal period');
    expect((await as(b.token).get('/auth/me')).status).toBe(401);
    await expect(login(t, b.email, 'borrower-password-1')).rejects.toBeDefined();
    const rows = await t.dataSource.query(
      `SELECT kind, outcome FROM rights_requests WHERE user_id = $1 ORDER BY created_at`,
      [b.id],
    );
    expect(rows).toEqual([
      { kind: 'deletion', outcome: 'refused' },
      { kind: 'deletion', outcome: 'done' },
    ]);
    const [kept] = await t.dataSource.query(`SELECT status FROM cases WHERE id = $1`, [c.id]);
    expect(kept.status).toBe('withdrawn');
  });

  it('asks a borrower who accepted an older notice to accept the new one', async () => {
    await t.dataSource.query(
      `UPDATE privacy_acceptances SET version = '2026-11-01' WHERE user_id = $1`,
      [w.borrower.id],
    );
    const me = await as(w.borrower.token).get('/auth/me');
    expect(me.body.privacyNoticeToAccept).toBe('2026-12-01');
    expect(
      (await as(w.borrower.token).post('/me/privacy-notice/accept', { version: '2026-11-01' }))
        .status,
    ).toBe(400);
    expect(
      (await as(w.borrower.token).post('/me/privacy-notice/accept', { version: '2026-12-01' }))
        .status,
    ).toBe(204);
    expect((await as(w.borrower.token).get('/auth/me')).body.privacyNoticeToAccept).toBeNull();
    expect((await as(other.token).get('/auth/me')).body.privacyNoticeToAccept).toBeNull();
  });

  it('lists every rights route in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    for (const path of [
      '/api/v1/me/data',
      '/api/v1/me/contact',
      '/api/v1/me',
      '/api/v1/me/rights-requests',
      '/api/v1/cases/{id}/consents',
      '/api/v1/cases/{id}/consents/{kind}/withdraw',
      '/api/v1/cases/{id}/service-addresses',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
