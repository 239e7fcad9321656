import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { createStaff, newWorld, World } from '../factories';
import type { Actor } from '../factories';
import type { TestApp } from '../harness';
import { newCase } from '../new-case';
import { adminToken } from '../factories';

/**
 * The callers of the authorization matrix, each relative to the world's first case (case A:
 * world 1's borrower, centre, assigned mediator and lender). The "other" callers are the same
 * roles of world 2, or, for the mediator, a mediator of the same centre not assigned to it.
 */
export const CALLERS = [
  'anonymous',
  'borrowerOwn',
  'borrowerOther',
  'clerkOwn',
  'clerkOther',
  'mediatorAssigned',
  'mediatorOther',
  'lenderOwn',
  'lenderOther',
  'keyOwn',
  'keyOther',
  'admin',
] as const;
export type Caller = (typeof CALLERS)[number];

/** What kind of caller each one is: an API key is its own kind (not a lender person). */
export type Kind = 'anonymous' | 'borrower' | 'clerk' | 'mediator' | 'lender' | 'key' | 'admin';
export const KIND: Record<Caller, Kind> = {
  anonymous: 'anonymous',
  borrowerOwn: 'borrower',
  borrowerOther: 'borrower',
  clerkOwn: 'clerk',
  clerkOther: 'clerk',
  mediatorAssigned: 'mediator',
  mediatorOther: 'mediator',
  lenderOwn: 'lender',
  lenderOther: 'lender',
  keyOwn: 'key',
  keyOther: 'key',
  admin: 'admin',
};

/** The objects the routes are called on; all of world 1 unless named otherwise. */
export interface Objects {
  /** Case A, settled: agreement, sealed PDF, plan, certificate, session. */
  settled: string;
  settledNumber: string;
  /** Another settled case of world 1, paid in full: its plan has a certificate. */
  paid: string;
  /** Case A's session (for its invite). */
  session: string;
  /** A case of world 1 with a session booked, where the borrower uploaded evidence. */
  open: string;
  evidence: string;
  /** World 2's case (borrower, centre and lender of world 2). */
  otherCase: string;
  complaint: string;
  /** A payment case A's borrower reported with proof, for its lender to answer. */
  report: string;
  /** A notification of world 1's borrower. */
  notification: string;
  center: string;
  lender: string;
  otherLender: string;
  mediator: string;
  webhook: string;
  /** One webhook of world 1's lender per caller that may delete one. */
  spareWebhooks: Partial<Record<Caller, string>>;
  apiKey: string;
  spareApiKey: string;
  /** A staff account the admin routes deactivate, reactivate and reset. */
  spareUser: string;
  mail: string;
  missing: string;
}

export interface AuthWorld {
  w1: World;
  w2: World;
  objects: Objects;
  /** Sets the caller's credentials on a request. */
  as(caller: Caller, req: Test): Test;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function buildAuthWorld(t: TestApp): Promise<AuthWorld> {
  // One thing at a time: each account costs an argon2 hash, and the machine is shared.
  const w1 = await newWorld(t);
  const w2 = await newWorld(t);
  const admin = await adminToken(t);
  const api = (token: string) => ({
    post: (path: string, body: object) =>
      t.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string) => t.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
  });
  const asAdmin = api(admin);
  const issueKey = async (org: string) =>
    (await asAdmin.post(`/organizations/${org}/api-keys`, { name: 'core-banking' }).expect(201))
      .body as { id: string; key: string };
  const hook = async (who: string, org: string) =>
    (await api(who).post(`/organizations/${org}/webhooks`, { url: 'http://127.0.0.1:9/x' })).body
      .id as string;
  const mediatorOther = await createStaff(t, 'mediator', w1.center.id);
  const spare = await createStaff(t, 'mediator', w1.center.id);
  const key1 = await issueKey(w1.lender.id);
  const key2 = await issueKey(w2.lender.id);
  const spareKey = await issueKey(w1.lender.id);
  const webhook = await hook(w1.lenderRep.token, w1.lender.id);
  const settled = await newCase(t, w1, { status: 'settled' });
  const open = await newCase(t, w1, { status: 'session_scheduled' });
  const other = await newCase(t, w2, { status: 'lender_notified' });
  const paid = await newCase(t, w1, { status: 'settled' });
  const paidOn = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await api(w1.lenderRep.token)
    .post(`/cases/${paid.id}/payments`, { amount: '8000.00', paidOn, reference: 'PAY-ALL' })
    .expect(201);
  const b1 = api(w1.borrower.token);
  const evidence = await t
    .http()
    .post(`/api/v1/cases/${open.id}/evidence`)
    .set('Authorization', `Bearer ${w1.borrower.token}`)
    .attach('file', PDF, { filename: 'note.pdf', contentType: 'application/pdf' })
    .expect(201);
  const report = await t
    .http()
    .post(`/api/v1/cases/${settled.id}/plan/payment-reports`)
    .set('Authorization', `Bearer ${w1.borrower.token}`)
    .field('amount', '10.00')
    .field('paidOn', paidOn)
    .attach('file', PDF, { filename: 'receipt.pdf', contentType: 'application/pdf' })
    .expect(201);
  const complaint = await b1
    .post('/complaints', { caseId: settled.id, category: 'fees', description: '多收了手续费' })
    .expect(201);
  const [sessions, notes, mail] = await Promise.all([
    b1.get(`/cases/${settled.id}/sessions`).expect(200),
    b1.get('/notifications').expect(200),
    asAdmin.get('/admin/mail').expect(200),
  ]);
  const spareWebhooks: Partial<Record<Caller, string>> = {
    lenderOwn: await hook(w1.lenderRep.token, w1.lender.id),
    keyOwn: await hook(w1.lenderRep.token, w1.lender.id),
    admin: await hook(admin, w1.lender.id),
  };
  const objects: Objects = {
    settled: settled.id,
    settledNumber: settled.caseNumber,
    paid: paid.id,
    session: sessions.body.items?.[0]?.id ?? sessions.body[0]?.id,
    open: open.id,
    evidence: evidence.body.id,
    otherCase: other.id,
    complaint: complaint.body.id,
    report: report.body.id,
    notification: notes.body.items[0].id,
    center: w1.center.id,
    lender: w1.lender.id,
    otherLender: w2.lender.id,
    mediator: w1.mediator.id,
    webhook,
    spareWebhooks,
    apiKey: key1.id,
    spareApiKey: spareKey.id,
    spareUser: spare.id,
    mail: mail.body.items[0].id,
    missing: randomUUID(),
  };
  const people: Partial<Record<Caller, Actor | { token: string }>> = {
    borrowerOwn: w1.borrower,
    borrowerOther: w2.borrower,
    clerkOwn: w1.clerk,
    clerkOther: w2.clerk,
    mediatorAssigned: w1.mediator,
    mediatorOther,
    lenderOwn: w1.lenderRep,
    lenderOther: w2.lenderRep,
    admin: { token: admin },
  };
  const keys: Partial<Record<Caller, string>> = { keyOwn: key1.key, keyOther: key2.key };
  return {
    w1,
    w2,
    objects,
    as: (caller, req) => {
      const key = keys[caller];
      if (key) return req.set('X-API-Key', key);
      const person = people[caller];
      return person ? req.set('Authorization', `Bearer ${person.token}`) : req;
    },
  };
}

/**
 * The database's state, to compare before and after requests that must change nothing: every
 * row of the tables people's requests write (hashed), and only the number of rows where the
 * background work (mail, webhooks, rate limits, the job queue) writes on its own.
 */
export async function databaseState(t: TestApp): Promise<Record<string, string>> {
  const tables: { table_name: string }[] = await t.dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
  );
  const countOnly = new Set(['mail_outbox', 'webhook_deliveries']);
  // Written by the worker's retries and the limiter alone, not by the requests.
  const skipped = new Set(['login_attempts', 'webhook_attempts']);
  const state: Record<string, string> = {};
  for (const { table_name: name } of tables) {
    if (skipped.has(name)) continue;
    const [row] = await t.dataSource.query(
      countOnly.has(name)
        ? `SELECT count(*)::text AS v FROM "${name}"`
        : `SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS v
             FROM "${name}" x`,
    );
    state[name] = row.v;
  }
  return state;
}
