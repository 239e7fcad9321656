import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { JobsService } from '../../../src/jobs/jobs.service';
import { adminToken, World } from '../factories';
import { startTestApp, TestApp } from '../harness';
import { newCase } from '../new-case';
import { startSmtp, TestSmtp, until } from '../smtp';

/** A lender's back-office webhook receiver on loopback; `respond` decides each answer. */
export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; case: { id: string; status: string; version: number } };
  status: number;
}
export async function startReceiver() {
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
export function verifyMediationSignature(
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

// LENDER_DOC_EXAMPLES=<file>: the exchanges of the lender tests are appended there, for
// docs/lender-integration.md (each test file adds its own, in the order they ran).
const examples: string[] = [];
export function example(title: string, res: Response, requestBody?: unknown, requestHeaders = '') {
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
export const rawExample = (title: string, text: string) =>
  process.env.LENDER_DOC_EXAMPLES && examples.push(`### ${title}\n\n\`\`\`\n${text}\n\`\`\`\n`);

/** Writes this file's examples out (call in afterAll). */
export function flushExamples(): void {
  if (process.env.LENDER_DOC_EXAMPLES && examples.length) {
    appendFileSync(process.env.LENDER_DOC_EXAMPLES, examples.splice(0).join('\n') + '\n');
  }
}

/** Several worlds share one app: each case is of its own world's centre, just accepted. */
export const accepted = (t: TestApp, w: World) => newCase(t, w, { status: 'lender_notified' });

export type Cred = { key: string } | { token: string };
export const KEY_HEADER = 'X-API-Key: mk_…\n';
export const BEARER = 'Authorization: Bearer eyJ…\n';
export const extend = { days: 10, reason: '双方需要更多时间核对账目' };

/** The events that record a notice's service come when the mail server or the hook answers. */
export const withoutService = (types: string[]) =>
  types.filter((type) => !type.startsWith('case.record_'));

/** Waits until the worker delivered the applicant's notice, so the mediation term runs. */
export const termRunning = (t: TestApp, caseId: string) =>
  until(async () => {
    const [row] = await t.dataSource.query(
      'SELECT mediation_due_at FROM cases WHERE id = $1 AND mediation_due_at IS NOT NULL',
      [caseId],
    );
    return row;
  }, 'the applicant’s notice delivered');

/** The app the lender tests share: webhooks to loopback allowed, three attempts, real SMTP. */
export class LenderDesk {
  private constructor(
    readonly t: TestApp,
    readonly smtp: TestSmtp,
    readonly admin: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<LenderDesk> {
    const smtp = await startSmtp();
    const t = await startTestApp({
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_MAX_ATTEMPTS: '3',
      SMTP_URL: smtp.url,
      ...env,
    });
    return new LenderDesk(t, smtp, await adminToken(t));
  }

  async close(): Promise<void> {
    await this.t.close();
    await this.smtp.stop();
  }

  http(cred: Cred) {
    const auth = (r: ReturnType<ReturnType<TestApp['http']>['get']>) =>
      'key' in cred ? r.set('X-API-Key', cred.key) : r.set('Authorization', `Bearer ${cred.token}`);
    return {
      get: (path: string) => auth(this.t.http().get(`/api/v1${path}`)),
      post: (path: string, body: object = {}) =>
        auth(this.t.http().post(`/api/v1${path}`)).send(body),
    };
  }

  asAdmin() {
    return this.http({ token: this.admin });
  }

  runWebhooksNow() {
    return this.t.app.get(JobsService).runNow(this.t.dataSource.manager, ['webhook:deliver']);
  }

  async eventCount(caseId: string): Promise<number> {
    const [{ n }] = await this.t.dataSource.query(
      'SELECT count(*)::int AS n FROM case_events WHERE case_id = $1',
      [caseId],
    );
    return n;
  }

  async issueKey(organizationId: string): Promise<{ id: string; key: string }> {
    const res = await this.asAdmin()
      .post(`/organizations/${organizationId}/api-keys`, {
        name: 'core-banking',
        signingAgent: { name: '王芳', title: '法务部经理' },
      })
      .expect(201);
    return res.body;
  }

  async registerWebhook(organizationId: string, url: string) {
    const res = await this.asAdmin().post(`/organizations/${organizationId}/webhooks`, { url });
    expect(res.status).toBe(201);
    return res.body as { id: string; url: string; secret: string };
  }

  async deliveries(w: World, webhookId: string, query = '') {
    const res = await this.asAdmin()
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
}
