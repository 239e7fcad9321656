import { createHmac, timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { JobsService } from '../../src/jobs/jobs.service';
import { CaseDeadlinesService } from '../../src/cases/case-deadlines.service';
import { act, adminToken, createOrganization, fileCase, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { DAY_MS, MovableClock } from './movable-clock';
import { startSmtp, TestSmtp, until } from './smtp';

/** A lender's back-office webhook receiver on loopback; `respond` decides each answer. */
interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; case: { id: string; status: string; version: number } };
  status: number;
}
async function startReceiver() {
  const received: Received[] = [];
  const state = { respond: (_r: Omit<Received, 'status'>) => 200 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r = { headers: req.headers, raw, body: JSON.parse(raw) };
      const status = state.respond(r);
      received.push({ ...r, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mediation-events`,
    received,
    state,
    forCase: (caseId: string) => received.filter((r) => r.body.case.id === caseId),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** The receiver's check exactly as docs/lender-integration.md shows it. */
function verifyMediationSignature(
  rawBody: string,
  header: string,
  secret: string,
  toleranceSeconds = 300,
): boolean {
  const fields = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  const t = Number(fields.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(fields.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// LENDER_DOC_EXAMPLES=<file>: the exchanges below are written there, for docs/lender-integration.md.
const examples: string[] = [];
function example(title: string, res: Response, requestBody?: unknown, requestHeaders = '') {
  if (!process.env.LENDER_DOC_EXAMPLES) return;
  const req = res.request as unknown as { method: string; url: string };
  const path = new URL(req.url).pathname + new URL(req.url).search;
  examples.push(
    `### ${title}\n\n\`\`\`http\n${req.method} ${path}\n${requestHeaders}${
      requestBody === undefined ? '' : `\n${JSON.stringify(requestBody, null, 2)}`
    }\n\`\`\`\n\n\`\`\`http\nHTTP/1.1 ${res.status}\n${
      res.text ? `\n${JSON.stringify(res.body, null, 2)}` : ''
    }\n\`\`\`\n`,
  );
}
const rawExample = (title: string, text: string) =>
  process.env.LENDER_DOC_EXAMPLES && examples.push(`### ${title}\n\n\`\`\`\n${text}\n\`\`\`\n`);

/** Several worlds share one app: each files with its own mediation centre. */
async function accepted(t: TestApp, w: World) {
  const c = await fileCase(t, w, { mediationCenterId: w.center.id });
  const res = await act(t, w.clerk.token, c.id, 'accept', { mediatorId: w.mediator.id });
  expect(res.status).toBe(200);
  return res.body;
}

type Cred = { key: string } | { token: string };
const KEY_HEADER = 'X-API-Key: mk_…\n';
const BEARER = 'Authorization: Bearer eyJ…\n';
const extend = { days: 10, reason: '双方需要更多时间核对账目' };

afterAll(() => {
  if (process.env.LENDER_DOC_EXAMPLES) {
    writeFileSync(process.env.LENDER_DOC_EXAMPLES, examples.join('\n'));
  }
});

describe('lender integration', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let admin: string;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_MAX_ATTEMPTS: '3',
      SMTP_URL: smtp.url,
    });
    admin = await adminToken(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const http = (cred: Cred) => {
    const auth = (r: ReturnType<ReturnType<TestApp['http']>['get']>) =>
      'key' in cred ? r.set('X-API-Key', cred.key) : r.set('Authorization', `Bearer ${cred.token}`);
    return {
      get: (path: string) => auth(t.http().get(`/api/v1${path}`)),
      post: (path: string, body: object = {}) => auth(t.http().post(`/api/v1${path}`)).send(body),
    };
  };
  const asAdmin = () => http({ token: admin });
  const runWebhooksNow = () =>
    t.app.get(JobsService).runNow(t.dataSource.manager, ['webhook:deliver']);
  const eventCount = async (caseId: string) =>
    (
      await t.dataSource.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [
        caseId,
      ])
    )[0].n as number;

  async function issueKey(organizationId: string): Promise<{ id: string; key: string }> {
    const res = await asAdmin()
      .post(`/organizations/${organizationId}/api-keys`, { name: 'core-banking' })
      .expect(201);
    return res.body;
  }

  async function registerWebhook(organizationId: string, url: string) {
    const res = await asAdmin().post(`/organizations/${organizationId}/webhooks`, { url });
    expect(res.status).toBe(201);
    return res.body as { id: string; url: string; secret: string };
  }

  async function deliveries(w: World, webhookId: string, query = '') {
    const res = await asAdmin()
      .get(`/organizations/${w.lender.id}/webhooks/${webhookId}/deliveries${query}`)
      .expect(200);
    return res.body.items as {
      id: string;
      caseId: string;
      type: string;
      status: string;
      attemptCount: number;
      attempts: { statusCode: number | null; error: string | null }[];
    }[];
  }

  it('from accept to signature: mail and signed webhooks to the lender, its counter-proposal to the mediator, its signature by key', async () => {
    const w = await newWorld(t);
    const receiver = await startReceiver();
    try {
      const hook = await asAdmin().post(`/organizations/${w.lender.id}/webhooks`, {
        url: receiver.url,
      });
      expect(hook.status).toBe(201);
      expect(hook.body).toMatchObject({ url: receiver.url, active: true });
      expect(hook.body.secret).toMatch(/^whsec_[\w-]{43}$/);
      example('Register a webhook (admin)', hook, { url: receiver.url }, BEARER);
      const listed = await asAdmin().get(`/organizations/${w.lender.id}/webhooks`).expect(200);
      expect(listed.body).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
      const [stored] = await t.dataSource.query(
        'SELECT secret FROM webhook_endpoints WHERE id = $1',
        [hook.body.id],
      );
      expect(stored.secret).not.toContain(hook.body.secret.slice(6));

      const key = await issueKey(w.lender.id);
      const borrower = await t.dataSource.query(
        'SELECT phone, id_number FROM users WHERE id = $1',
        [w.borrower.id],
      );
      const filed = await fileCase(t, w, { mediationCenterId: w.center.id });
      const accepted = await act(t, w.clerk.token, filed.id, 'accept', {
        mediatorId: w.mediator.id,
      });
      expect(accepted.status).toBe(200);

      // The mail to the lender's contact address: what the case needs, nothing more personal.
      const [mail] = (
        await smtp.waitFor(
          (m) => m.some((x) => x.envelopeTo.includes(w.lender.contactEmail)),
          'the lender’s mail',
        )
      ).filter((x) => x.envelopeTo.includes(w.lender.contactEmail));
      const mailText = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const needed of [
        filed.caseNumber,
        w.borrower.name,
        accepted.body.loan.contractNumber,
        '9650.40',
      ]) {
        expect(mailText).toContain(needed);
      }
      rawExample(
        'The mail to the lender’s contact address (text part)',
        `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`,
      );
      expect(mailText).not.toContain(borrower[0].phone);
      expect(mailText).not.toContain(borrower[0].id_number);
      const inbox = await http({ token: w.lenderRep.token }).get('/notifications').expect(200);
      expect(inbox.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ caseId: filed.id })]),
      );

      // The webhook: signed, identified, and without borrower data.
      const [event] = await until(
        async () => receiver.forCase(filed.id).length > 0 && receiver.forCase(filed.id),
        'the accept webhook',
      );
      expect(event.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        type: 'case.accept',
        occurredAt: expect.any(String),
        case: {
          id: filed.id,
          caseNumber: filed.caseNumber,
          status: 'lender_notified',
          closureReason: null,
          lenderResponseDueAt: accepted.body.lenderResponseDueAt,
          mediationDueAt: accepted.body.mediationDueAt,
          version: accepted.body.version,
        },
        action: 'accept',
        from: 'submitted',
        to: 'lender_notified',
      });
      expect(event.headers['content-type']).toMatch(/^application\/json/);
      expect(event.headers['x-mediation-event-id']).toBe(event.body.id);
      expect(event.headers['x-mediation-delivery-attempt']).toBe('1');
      const signature = String(event.headers['x-mediation-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyMediationSignature(event.raw, signature, hook.body.secret)).toBe(true);
      expect(verifyMediationSignature(`${event.raw} `, signature, hook.body.secret)).toBe(false);
      for (const personal of [w.borrower.name, borrower[0].phone, borrower[0].id_number]) {
        expect(event.raw).not.toContain(personal);
      }
      rawExample(
        'A webhook POST as the receiver got it',
        `POST /mediation-events\ncontent-type: ${event.headers['content-type']}\nx-mediation-signature: ${signature}\nx-mediation-event-id: ${event.headers['x-mediation-event-id']}\nx-mediation-delivery-attempt: 1\n\n${event.raw}\n\n(secret ${hook.body.secret})`,
      );

      // The lender's system finds the case and answers with a counter-proposal.
      const lender = http(key);
      const found = await lender
        .get(
          `/cases?status=lender_notified&contractNumber=${encodeURIComponent(accepted.body.loan.contractNumber)}`,
        )
        .expect(200);
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([filed.id]);
      example(
        'List your cases waiting for an answer, by contract number',
        found,
        undefined,
        KEY_HEADER,
      );
      const seen = await lender.get(`/cases/${filed.id}`).expect(200);
      expect(seen.body.borrower.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(seen.body.borrower.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(seen.body.allowedActions).toEqual(['lender_accept', 'lender_decline']);
      example('Read one case', seen, undefined, KEY_HEADER);
      const counterProposal = {
        settlementAmount: '8000.00',
        installments: 10,
        waivedAmount: '1650.40',
        note: '同意调解，可减免罚息',
      };
      const answered = await lender
        .post(`/cases/${filed.id}/actions/lender_accept`, { counterProposal })
        .set('If-Match', String(seen.body.version))
        .set('Idempotency-Key', `answer-${filed.id}`);
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ status: 'awaiting_session', counterProposal });
      example(
        'Agree to mediate, with a counter-proposal',
        answered,
        { counterProposal },
        `${KEY_HEADER}If-Match: ${seen.body.version}\nIdempotency-Key: answer-${filed.id}\n`,
      );

      const byMediator = await http({ token: w.mediator.token })
        .get(`/cases/${filed.id}`)
        .expect(200);
      expect(byMediator.body.counterProposal).toEqual(counterProposal);
      const events = await lender.get(`/cases/${filed.id}/events`).expect(200);
      example(
        'The timeline: an answer by key is the organization’s',
        events,
        undefined,
        KEY_HEADER,
      );
      expect(events.body.at(-1)).toMatchObject({
        action: 'lender_accept',
        actor: { role: 'lender', userId: null, apiKeyId: key.id, organizationId: w.lender.id },
      });
      const log = await until(async () => {
        const items = await deliveries(w, hook.body.id);
        return items.every((d) => d.status === 'delivered') && items.length === 2 && items;
      }, 'the lender_accept webhook');
      expect(receiver.forCase(filed.id).map((r) => r.body.type)).toEqual([
        'case.accept',
        'case.lender_accept',
      ]);
      expect(log.map((d) => [d.type, d.status, d.attemptCount])).toEqual([
        ['case.lender_accept', 'delivered', 1],
        ['case.accept', 'delivered', 1],
      ]);
      example(
        'The deliveries of a webhook, with their attempts (admin)',
        await asAdmin()
          .get(`/organizations/${w.lender.id}/webhooks/${hook.body.id}/deliveries?limit=1`)
          .expect(200),
        undefined,
        BEARER,
      );

      // Later: a session, a draft agreement, and the lender's signature through its key.
      const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000);
      const scheduled = await act(t, w.mediator.token, filed.id, 'schedule_session', {
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        mode: 'online',
        meetingUrl: 'https://meet.example.test/room-1',
      });
      expect(scheduled.status).toBe(200);
      const drafted = await act(t, w.mediator.token, filed.id, 'draft_agreement', {
        settlementAmount: '8000.00',
        installments: 10,
        firstDueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        waivedAmount: '1650.40',
      });
      expect(drafted.body.status).toBe('awaiting_signatures');
      const agreement = await lender.get(`/cases/${filed.id}/agreement`).expect(200);
      expect(agreement.body).toMatchObject({ version: 1, signatures: [] });
      example('Read the agreement to sign', agreement, undefined, KEY_HEADER);
      const signature1 = { version: agreement.body.version, sha256: agreement.body.sha256 };
      const signed = await lender.post(`/cases/${filed.id}/actions/sign_agreement`, signature1);
      expect(signed.status).toBe(200);
      expect(signed.body.status).toBe('awaiting_signatures');
      example('Sign the agreement', signed, signature1, KEY_HEADER);
      const settled = await act(t, w.borrower.token, filed.id, 'sign_agreement', signature1);
      expect(settled.body.status).toBe('settled');
      await until(
        async () => receiver.forCase(filed.id).length >= 6,
        'the webhooks up to settlement',
      );
      expect(receiver.forCase(filed.id).map((r) => [r.body.type, r.body.case.status])).toEqual([
        ['case.accept', 'lender_notified'],
        ['case.lender_accept', 'awaiting_session'],
        ['case.schedule_session', 'session_scheduled'],
        ['case.draft_agreement', 'awaiting_signatures'],
        ['case.sign_agreement', 'awaiting_signatures'],
        ['case.sign_agreement', 'settled'],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('lists only the lender’s own notified cases, by status, answer due date and contract number', async () => {
    const w = await newWorld(t);
    const rep = http({ token: w.lenderRep.token });
    const notYet = (await fileCase(t, w, { mediationCenterId: w.center.id })) as unknown as {
      loan: { contractNumber: string };
    };
    const a = await accepted(t, w);
    const b = await accepted(t, w);
    const declined = await act(t, w.lenderRep.token, b.id, 'lender_decline', {
      reason: '借款人已另行达成还款安排',
    });
    expect(declined.body).toMatchObject({
      status: 'unsuccessful',
      closureReason: 'lender_declined',
    });
    example('Decline, with a reason', declined, { reason: '借款人已另行达成还款安排' }, BEARER);
    const ids = async (query: string) =>
      ((await rep.get(`/cases${query}`).expect(200)).body.items as { id: string }[]).map(
        (c) => c.id,
      );

    expect(await ids('')).toEqual([b.id, a.id]);
    expect(await ids('?status=lender_notified')).toEqual([a.id]);
    expect(await ids('?status=unsuccessful')).toEqual([b.id]);
    expect(await ids(`?contractNumber=${encodeURIComponent(a.loan.contractNumber)}`)).toEqual([
      a.id,
    ]);
    const due = new Date(a.lenderResponseDueAt).getTime();
    expect(await ids(`?answerDueBefore=${new Date(due + 60_000).toISOString()}`)).toContain(a.id);
    expect(await ids(`?answerDueBefore=${new Date(due - 60_000).toISOString()}`)).not.toContain(
      a.id,
    );
    expect(await ids(`?contractNumber=${encodeURIComponent(notYet.loan.contractNumber)}`)).toEqual(
      [],
    );
    await rep.get('/cases?answerDueBefore=next-week').expect(400);
    const page = await rep.get('/cases?limit=1').expect(200);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await rep.get(`/cases?limit=1&cursor=${page.body.nextCursor}`).expect(200);
    expect(next.body.items.map((c: { id: string }) => c.id)).toEqual([a.id]);
  });

  it('a key or representative of another lender gets 404 on every read and action of a case', async () => {
    const mine = await newWorld(t);
    const other = await newWorld(t);
    const theirs = await accepted(t, other);
    const key = await issueKey(mine.lender.id);
    const before = await eventCount(theirs.id);
    for (const cred of [key, { token: mine.lenderRep.token }] as Cred[]) {
      const as = http(cred);
      for (const path of [
        '',
        '/events',
        '/sessions',
        '/agreement',
        '/agreement/pdf',
        '/evidence',
        '/evidence/00000000-0000-4000-8000-000000000000',
      ]) {
        const res = await as.get(`/cases/${theirs.id}${path}`);
        expect([path, res.status, res.body.code]).toEqual([path, 404, 'CASE_NOT_FOUND']);
      }
      for (const [action, body] of [
        ['lender_accept', {}],
        ['lender_decline', { reason: 'x' }],
        ['sign_agreement', { version: 1, sha256: 'a'.repeat(64) }],
      ] as const) {
        const res = await as.post(`/cases/${theirs.id}/actions/${action}`, body);
        expect([action, res.status, res.body.code]).toEqual([action, 404, 'CASE_NOT_FOUND']);
      }
      const list = await as.get('/cases').expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(theirs.id);
    }
    const res = await http(key).get(`/cases/${theirs.id}`);
    example('A case of another lender (or none)', res, undefined, KEY_HEADER);
    expect(await eventCount(theirs.id)).toBe(before);
    const still = await http({ token: other.lenderRep.token })
      .get(`/cases/${theirs.id}`)
      .expect(200);
    expect(still.body).toMatchObject({ status: 'lender_notified', version: theirs.version });
  });

  it('refuses a revoked key from the next request on', async () => {
    const w = await newWorld(t);
    const c = await accepted(t, w);
    const key = await issueKey(w.lender.id);
    await http(key).get(`/cases/${c.id}`).expect(200);
    await t
      .http()
      .delete(`/api/v1/organizations/${w.lender.id}/api-keys/${key.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
    const refused = await http(key).get(`/cases/${c.id}`);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    example('A revoked (or unknown) key', refused, undefined, KEY_HEADER);
    const action = await http(key).post(`/cases/${c.id}/actions/lender_accept`);
    expect(action.status).toBe(401);
  });

  it('receiver down for a while: the events arrive later, each once, in order per case', async () => {
    const w = await newWorld(t);
    const receiver = await startReceiver();
    try {
      const hook = await registerWebhook(w.lender.id, receiver.url);
      receiver.state.respond = () => 503;
      const one = await accepted(t, w);
      const two = await accepted(t, w);
      expect((await act(t, w.lenderRep.token, one.id, 'lender_accept')).status).toBe(200);
      expect((await act(t, w.mediator.token, one.id, 'extend_term', extend)).status).toBe(200);
      expect((await act(t, w.mediator.token, two.id, 'extend_term', extend)).status).toBe(200);
      expect(
        (await act(t, w.lenderRep.token, two.id, 'lender_decline', { reason: '不同意' })).status,
      ).toBe(200);

      const headAttempts = async (n: number) => {
        const rows = await t.dataSource.query(
          `SELECT d.attempts, d.status FROM webhook_deliveries d
            WHERE d.endpoint_id = $1 AND d.seq = 1`,
          [hook.id],
        );
        return rows.length === 2 && rows.every((r: { attempts: number }) => r.attempts === n);
      };
      await until(() => headAttempts(1), 'the first failed attempts');
      await runWebhooksNow();
      await until(() => headAttempts(2), 'the second failed attempts');
      expect(receiver.received.every((r) => r.status === 503)).toBe(true);
      expect(receiver.received.map((r) => r.body.type).sort()).toEqual([
        'case.accept',
        'case.accept',
        'case.accept',
        'case.accept',
      ]);

      receiver.state.respond = () => 200;
      await until(async () => {
        await runWebhooksNow();
        const log = await deliveries(w, hook.id);
        return log.length === 6 && log.every((d) => d.status === 'delivered');
      }, 'all six events delivered');

      const acknowledged = (caseId: string) =>
        receiver
          .forCase(caseId)
          .filter((r) => r.status === 200)
          .map((r) => r.body.type);
      expect(acknowledged(one.id)).toEqual([
        'case.accept',
        'case.lender_accept',
        'case.extend_term',
      ]);
      expect(acknowledged(two.id)).toEqual([
        'case.accept',
        'case.extend_term',
        'case.lender_decline',
      ]);
      for (const c of [one, two]) {
        const versions = receiver.forCase(c.id).map((r) => r.body.case.version);
        expect(versions).toEqual([...versions].sort((x, y) => x - y));
      }
      const ids = receiver.received.filter((r) => r.status === 200).map((r) => r.body.id);
      expect(new Set(ids).size).toBe(ids.length);

      const log = await deliveries(w, hook.id);
      const heads = log.filter((d) => d.type === 'case.accept');
      for (const head of heads) {
        expect(head.attempts.map((a) => a.statusCode)).toEqual([503, 503, 200]);
        expect(head.attempts[0].error).toBe('HTTP 503');
      }
    } finally {
      await receiver.close();
    }
  });

  it('gives a delivery up after WEBHOOK_MAX_ATTEMPTS, sends the later ones, and lets the admin retry it', async () => {
    const w = await newWorld(t);
    const receiver = await startReceiver();
    try {
      const hook = await registerWebhook(w.lender.id, receiver.url);
      receiver.state.respond = (r) => (r.body.type === 'case.accept' ? 500 : 204);
      const c = await accepted(t, w);
      await until(async () => {
        await runWebhooksNow();
        return (await deliveries(w, hook.id)).some((d) => d.status === 'dead');
      }, 'the accept delivery to die');
      expect((await act(t, w.lenderRep.token, c.id, 'lender_accept')).status).toBe(200);
      await until(
        async () => receiver.forCase(c.id).some((r) => r.body.type === 'case.lender_accept'),
        'the later event, past the dead one',
      );
      const [dead] = await deliveries(w, hook.id, '?status=dead');
      expect(dead).toMatchObject({ type: 'case.accept', attemptCount: 3 });
      expect(dead.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500]);

      receiver.state.respond = () => 200;
      const retried = await asAdmin().post(`/webhook-deliveries/${dead.id}/retry`).expect(200);
      example('Retry a dead delivery (admin)', retried, undefined, BEARER);
      expect(retried.body).toMatchObject({ status: 'pending', attemptCount: 0 });
      await until(
        async () =>
          receiver.forCase(c.id).some((r) => r.body.type === 'case.accept' && r.status === 200),
        'the retried delivery',
      );
      expect(receiver.forCase(c.id).map((r) => [r.body.type, r.status])).toEqual([
        ['case.accept', 500],
        ['case.accept', 500],
        ['case.accept', 500],
        ['case.lender_accept', 204],
        ['case.accept', 200],
      ]);
      await asAdmin().post(`/webhook-deliveries/${dead.id}/retry`).expect(409);

      await t
        .http()
        .delete(`/api/v1/organizations/${w.lender.id}/webhooks/${hook.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(204);
      const removed = await asAdmin().get(`/organizations/${w.lender.id}/webhooks`).expect(200);
      expect(removed.body).toEqual([expect.objectContaining({ id: hook.id, active: false })]);
      await act(t, w.mediator.token, c.id, 'extend_term', extend);
      expect(await deliveries(w, hook.id)).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it('refuses webhook URLs to private addresses the allow-list does not name, and non-lenders', async () => {
    const w = await newWorld(t);
    for (const url of ['https://10.1.2.3/hook', 'https://169.254.169.254/', 'http://127.0.0.2/']) {
      const res = await asAdmin().post(`/organizations/${w.lender.id}/webhooks`, { url });
      expect([url, res.status, res.body.errors?.[0]?.field]).toEqual([url, 400, 'url']);
    }
    const center = await createOrganization(t, 'mediation_center');
    await asAdmin()
      .post(`/organizations/${center.id}/webhooks`, { url: 'http://127.0.0.1/x' })
      .expect(409);
    await http({ token: w.lenderRep.token })
      .post(`/organizations/${w.lender.id}/webhooks`, { url: 'http://127.0.0.1/x' })
      .expect(403);
  });
});

describe('lender integration without an allow-list, on a clock the test moves', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  const clock = new MovableClock();
  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    w = await newWorld(t);
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

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
    ]);
    expect(doc.paths['/api/v1/webhook-deliveries/{id}/retry'].post).toBeDefined();
    expect(doc.paths['/api/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'answerDueBefore', 'contractNumber']),
    );
  });

  it('answers 409 to an answer after the deadline closed the case, and changes nothing', async () => {
    const c = await accepted(t, w);
    clock.advance(8 * DAY_MS);
    expect(clock.now().getTime()).toBeGreaterThan(new Date(c.lenderResponseDueAt).getTime());
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
