import { CaseDeadlinesService } from '../../src/cases/case-deadlines.service';
import { act, adminToken, debtStatement, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { startSmtp, TestSmtp } from './smtp';
import { caseAs, serveNotices } from './support/deadlines';
import { accepted, BEARER, example, flushExamples } from './support/lender';

afterAll(() => flushExamples());

describe('lender integration without an allow-list, on a clock the test moves', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let smtp: TestSmtp;
  const clock = new MovableClock();
  beforeAll(async () => {
    smtp = await startSmtp();
    // The test delivers the notices itself, when it chooses (the window starts at service).
    t = await startTestApp({ SMTP_URL: smtp.url, RUN_WORKER: 'false' }, { clock });
    w = await newWorld(t);
    admin = await adminToken(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'https://127.0.0.1/hook',
    'https://localhost/hook',
    'https://[::1]/hook',
    'https://192.168.1.20/hook',
    'https://100.100.100.200/latest',
    'http://lender.example.com/hook',
  ])('refuses to register %s', async (url) => {
    const res = await t
      .http()
      .post(`/api/v1/organizations/${w.lender.id}/webhooks`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ url });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'url', message: expect.any(String) }]);
    if (url.includes('192.168')) example('A private address refused (admin)', res, { url }, BEARER);
    const n = await t.dataSource.query('SELECT count(*)::int AS n FROM webhook_endpoints');
    expect(n[0].n).toBe(0);
  });

  it('describes webhooks, their payload and signature in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    const register = doc.paths['/api/v1/organizations/{id}/webhooks'].post;
    expect(register.description).toContain('X-Mediation-Signature');
    expect(register.description).toContain('HMAC-SHA256');
    expect(Object.keys(doc.components.schemas.WebhookEvent.properties)).toEqual([
      'id',
      'type',
      'occurredAt',
      'case',
      'action',
      'from',
      'to',
      'data',
    ]);
    expect(doc.paths['/api/v1/webhook-deliveries/{id}/retry'].post).toBeDefined();
    expect(doc.paths['/api/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'answerDueBefore', 'contractNumber']),
    );
  });

  it('answers 409 to an answer after the deadline closed the case, and changes nothing', async () => {
    const c = await accepted(t, w);
    await serveNotices(t, c.id);
    const { lenderResponseDue } = await caseAs(t, w.lenderRep.token, c.id);
    clock.setTo(new Date(new Date(lenderResponseDue.at).getTime() + 1000));
    await t.app.get(CaseDeadlinesService).sweep();
    const closed = await t
      .http()
      .get(`/api/v1/cases/${c.id}`)
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .expect(200);
    expect(closed.body).toMatchObject({
      status: 'unsuccessful',
      closureReason: 'lender_no_response',
      allowedActions: [],
    });
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM case_events'))[0].n;
    const lateAnswer = {
      debtStatement: debtStatement(),
      counterProposal: { settlementAmount: '8000.00', installments: 10, waivedAmount: '0.00' },
    };
    const late = await act(t, w.lenderRep.token, c.id, 'lender_accept', lateAnswer);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'INVALID_TRANSITION',
      currentStatus: 'unsuccessful',
      allowedActions: [],
    });
    example('Answering after the deadline', late, lateAnswer, BEARER);
    expect((await act(t, w.lenderRep.token, c.id, 'lender_decline', { reason: 'x' })).status).toBe(
      409,
    );
    const after = await t
      .http()
      .get(`/api/v1/cases/${c.id}`)
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .expect(200);
    expect(after.body).toEqual(closed.body);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM case_events'))[0].n).toBe(
      before,
    );
  });
});
