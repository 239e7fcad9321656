import { act, application, fileCase, newWorld, World, debtStatement } from './factories';
import { newCase } from './new-case';
import { startTestApp, TestApp } from './harness';

describe('filing and review', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const countCases = async () =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM cases'))[0].n as number;

  it('files a case with a case number, consents and a first timeline event', async () => {
    const c = await fileCase(t, w);
    expect(c.caseNumber).toMatch(/^MED-\d{4}-\d{6}$/);
    expect(c.status).toBe('submitted');
    expect(c).toMatchObject({
      loan: { principal: '12000.00', outstandingAmount: '9650.40', overdueSince: '2026-06-15' },
      allowedActions: ['withdraw'],
    });
    const consents = await t.dataSource.query(
      'SELECT kind, privacy_notice_version FROM case_consents WHERE case_id = $1',
      [c.id],
    );
    expect(consents).toHaveLength(3);
    const events = await t
      .http()
      .get(`/api/v1/cases/${c.id}/events`)
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .expect(200);
    expect(events.body).toEqual([
      expect.objectContaining({ action: 'file', from: null, to: 'submitted' }),
    ]);
  });

  it.each([
    ['consents', { consents: undefined }],
    [
      'consents.onlineMediation',
      // A free choice now (false is an answer), but an answer it must be.
      { consents: { ...application('x').consents, onlineMediation: 'yes' } },
    ],
    [
      'consents.shareWithLender',
      { consents: { ...application('x').consents, shareWithLender: undefined } },
    ],
    [
      'consents.privacyNoticeVersion',
      { consents: { ...application('x').consents, privacyNoticeVersion: '2025-01-01' } },
    ],
    ['loan.principal', { loan: { ...application('x').loan, principal: 12000 } }],
    ['overdueReason', { overdueReason: 'bored' }],
    ['lenderOrganizationId', { lenderOrganizationId: '00000000-0000-4000-8000-000000000000' }],
  ])('refuses filing with a bad %s, naming it, and creates nothing', async (field, override) => {
    const before = await countCases();
    const res = await t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .send(application(w.lender.id, override));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await countCases()).toBe(before);
  });

  it('gives concurrent filings distinct case numbers', async () => {
    const filed = await Promise.all(Array.from({ length: 10 }, () => fileCase(t, w)));
    expect(new Set(filed.map((c) => c.caseNumber)).size).toBe(10);
  });

  it('files once under one Idempotency-Key, and refuses the key with another body', async () => {
    const before = await countCases();
    const key = `file-${Date.now()}`;
    const body = application(w.lender.id, { mediationCenterId: w.center.id });
    const send = (b: object) =>
      t
        .http()
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${w.borrower.token}`)
        .set('Idempotency-Key', key)
        .send(b);
    const first = await send(body);
    const again = await send(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await countCases()).toBe(before + 1);
    const other = await send({ ...body, reasonDetail: '另一个理由' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countCases()).toBe(before + 1);
  });

  it('asks for information, takes the resubmission with corrections, then accepts', async () => {
    const c = await fileCase(t, w);
    const asked = await act(t, w.clerk.token, c.id, 'request_info', { message: '请补充收入证明' });
    expect(asked.status).toBe(200);
    expect(asked.body.status).toBe('needs_info');
    const resubmitted = await act(t, w.borrower.token, c.id, 'resubmit', {
      note: '已补充',
      corrections: { outstandingAmount: '9600.00' },
    });
    expect(resubmitted.body).toMatchObject({
      status: 'submitted',
      loan: { outstandingAmount: '9600.00' },
    });
    const accepted = await act(t, w.clerk.token, c.id, 'accept', { mediatorId: w.mediator.id });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('lender_notified');
    expect(accepted.body.mediator).toEqual({ id: w.mediator.id, name: w.mediator.name });
    // The lender's window starts when its notice is delivered, not at the clerk's click.
    expect(accepted.body.lenderResponseDueAt).toBeNull();
    expect(accepted.body.lenderResponseDue).toMatchObject({
      status: 'notice_not_delivered',
      unit: expect.any(String),
      length: expect.any(Number),
      notice: { party: 'lender', deliveredAt: null },
    });
  });

  it('answers 409 with the state and allowed actions, 403 for a role that may never act', async () => {
    const c = await fileCase(t, w);
    const wrongState = await act(t, w.borrower.token, c.id, 'resubmit', { note: 'x' });
    expect(wrongState.status).toBe(409);
    expect(wrongState.body).toMatchObject({
      code: 'INVALID_TRANSITION',
      currentStatus: 'submitted',
      allowedActions: ['withdraw'],
    });
    const wrongRole = await act(t, w.borrower.token, c.id, 'accept', { mediatorId: w.mediator.id });
    expect(wrongRole.status).toBe(403);
  });

  it('eight racing accepts: one 200, the rest 409 or 412, one event', async () => {
    const c = await fileCase(t, w);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        act(
          t,
          w.clerk.token,
          c.id,
          'accept',
          { mediatorId: w.mediator.id },
          { 'If-Match': String(c.version) },
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 412)).toBe(true);
    const events = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND action = 'accept'`,
      [c.id],
    );
    expect(events[0].n).toBe(1);
  });

  it('replays an action under the same Idempotency-Key and refuses the key with another body', async () => {
    const c = await fileCase(t, w);
    const key = `k-${c.id}`;
    const first = await act(
      t,
      w.clerk.token,
      c.id,
      'request_info',
      { message: 'a' },
      { 'Idempotency-Key': key },
    );
    const again = await act(
      t,
      w.clerk.token,
      c.id,
      'request_info',
      { message: 'a' },
      { 'Idempotency-Key': key },
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await act(
      t,
      w.clerk.token,
      c.id,
      'request_info',
      { message: 'b' },
      { 'Idempotency-Key': key },
    );
    expect(other.status).toBe(422);
    const events = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`,
      [c.id],
    );
    expect(events[0].n).toBe(2);
  });

  it('lets the lender answer only once notified, and shows it masked personal data', async () => {
    const c = await fileCase(t, w);
    await t
      .http()
      .get(`/api/v1/cases/${c.id}`)
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .expect(404);
    const accepted = await newCase(t, w, { status: 'lender_notified' });
    const seen = await t
      .http()
      .get(`/api/v1/cases/${accepted.id}`)
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .expect(200);
    expect(seen.body.borrower.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(seen.body.borrower.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(seen.body.allowedActions).toEqual(['lender_accept', 'lender_decline']);
    const answered = await act(t, w.lenderRep.token, accepted.id, 'lender_accept', {
      debtStatement: debtStatement(),
      counterProposal: {
        settlementAmount: '8000.00',
        installments: 10,
        waivedAmount: '1650.40',
        note: '可减免罚息',
      },
    });
    expect(answered.status).toBe(200);
    const byMediator = await t
      .http()
      .get(`/api/v1/cases/${accepted.id}`)
      .set('Authorization', `Bearer ${w.mediator.token}`)
      .expect(200);
    expect(byMediator.body.counterProposal).toEqual({
      settlementAmount: '8000.00',
      installments: 10,
      waivedAmount: '1650.40',
      note: '可减免罚息',
    });
  });

  it('refuses to change or delete a timeline event in the database itself', async () => {
    const c = await fileCase(t, w);
    await expect(
      t.dataSource.query(`UPDATE case_events SET action = 'x' WHERE case_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.dataSource.query(`DELETE FROM case_events WHERE case_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);
  });
});
