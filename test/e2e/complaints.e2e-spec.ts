import { newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';

describe('the complaint channel: filed to answered, each step on its timeline', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => t.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      t.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
  });

  it('takes a conduct complaint from the borrower through the lender’s answer to the centre’s', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    const filed = await as(w.borrower.token).post('/complaints', {
      caseId: c.id,
      category: 'third_party_contact',
      description: '催收人员打电话到我单位，告诉了我的同事',
      evidence: '2026-11-28 10:12 来电 021-5555 0101',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'received', regulatorHotline: '12378' });
    expect(filed.body.reference).toMatch(/^TS-\d{4}-\d{6}$/);
    const id = filed.body.id;

    const queue = await as(w.clerk.token).get('/complaints?status=received');
    expect(queue.body.map((k: { id: string }) => k.id)).toContain(id);
    const lenderSees = await as(w.lenderRep.token).get(`/complaints/${id}`);
    expect(lenderSees.status).toBe(200);

    const other = await newWorld(t);
    for (const token of [other.borrower.token, other.clerk.token, other.lenderRep.token]) {
      expect((await as(token).get(`/complaints/${id}`)).status).toBe(404);
    }
    expect((await as(other.clerk.token).post(`/complaints/${id}/take-up`)).status).toBe(404);
    expect((await as(w.borrower.token).post(`/complaints/${id}/take-up`)).status).toBe(403);

    expect((await as(w.clerk.token).post(`/complaints/${id}/take-up`)).body.status).toBe(
      'in_progress',
    );
    expect((await as(w.clerk.token).post(`/complaints/${id}/take-up`)).status).toBe(409);
    const lender = await as(w.lenderRep.token).post(`/complaints/${id}/lender-answer`, {
      answer: '已核实，外包催收员已停止联系借款人单位',
    });
    expect(lender.status).toBe(200);
    expect(lender.body.lenderAnswer).toContain('外包催收员');
    expect((await as(w.clerk.token).post(`/complaints/${id}/answer`, {})).status).toBe(400);
    const answered = await as(w.clerk.token).post(`/complaints/${id}/answer`, {
      answer: '中心已要求贷款机构停止联系第三人，并记入本案。',
    });
    expect(answered.body.status).toBe('answered');

    const seen = await as(w.borrower.token).get(`/complaints/${id}`);
    expect(seen.body.answer).toBe('中心已要求贷款机构停止联系第三人，并记入本案。');
    expect(
      seen.body.timeline.map((e: { action: string; actorRole: string }) => [e.action, e.actorRole]),
    ).toEqual([
      ['filed', 'borrower'],
      ['taken_up', 'clerk'],
      ['lender_answered', 'lender'],
      ['answered', 'clerk'],
    ]);
  });

  it('keeps a process complaint from the lender, and refuses a case the complainant cannot see', async () => {
    const c = await newCase(t, w, { status: 'submitted' });
    const process = await as(w.borrower.token).post('/complaints', {
      caseId: c.id,
      category: 'process',
      description: '审核太慢',
    });
    expect(process.status).toBe(201);
    expect((await as(w.lenderRep.token).get(`/complaints/${process.body.id}`)).status).toBe(404);
    const other = await newWorld(t);
    const stranger = await as(other.borrower.token).post('/complaints', {
      caseId: c.id,
      category: 'harassment',
      description: 'x',
    });
    expect(stranger.status).toBe(404);
    const bad = await as(w.borrower.token).post('/complaints', {
      category: 'spam',
      description: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'category',
      'description',
    ]);
  });
});
