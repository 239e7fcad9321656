import { JobsService } from '../../src/jobs/jobs.service';
import { act, adminToken, fileCase, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { ReceivedMail, startSmtp, TestSmtp, until } from './smtp';

interface OutboxRow {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string;
}

const outbox = (t: TestApp, caseId: string): Promise<OutboxRow[]> =>
  t.dataSource.query(
    `SELECT id, kind, to_address, subject, status, attempts, last_error, message_id
       FROM mail_outbox WHERE case_id = $1 ORDER BY created_at, kind`,
    [caseId],
  );

const CJK = /[\u4e00-\u9fff]/;
const forCase = (smtp: TestSmtp, caseNumber: string) =>
  smtp.received.filter((m) => m.subject.includes(caseNumber));

/** Waits until every outbox mail of the case is sent and has arrived; answers them by kind. */
async function delivered(t: TestApp, smtp: TestSmtp, c: { id: string; caseNumber: string }) {
  const rows = await until(async () => {
    const r = await outbox(t, c.id);
    return r.every((x) => x.status === 'sent') && forCase(smtp, c.caseNumber).length >= r.length
      ? r
      : null;
  }, `the mail of ${c.caseNumber} to arrive`);
  const mails = forCase(smtp, c.caseNumber);
  // Each outbox row arrived exactly once, recognisable by its Message-ID.
  expect(mails.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.message_id).sort());
  const byKind = new Map<string, { row: OutboxRow; mail: ReceivedMail }>();
  for (const row of rows) {
    byKind.set(row.kind, { row, mail: mails.find((m) => m.messageId === row.message_id)! });
  }
  return byKind;
}

async function inbox(t: TestApp, token: string, query = '') {
  const res = await t
    .http()
    .get(`/api/v1/notifications${query}`)
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  return res.body as {
    items: {
      id: string;
      kind: string;
      caseId: string;
      title: string;
      body: string;
      readAt: string | null;
      createdAt: string;
    }[];
    nextCursor: string | null;
    unreadCount: number;
  };
}

const ok = async (p: ReturnType<typeof act>) => {
  const res = await p;
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

const COUNTER = {
  counterProposal: {
    settlementAmount: '8000.00',
    installments: 10,
    waivedAmount: '1650.40',
    note: '同意减免罚息',
  },
};

describe('notifications', () => {
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

  it('mails every step of review and the lender’s answer once, to the right person, in Chinese', async () => {
    const c = await fileCase(t, w);
    await ok(act(t, w.clerk.token, c.id, 'request_info', { message: '请补充收入证明' }));
    await ok(act(t, w.borrower.token, c.id, 'resubmit', { note: '已补充' }));
    await ok(act(t, w.clerk.token, c.id, 'accept', { mediatorId: w.mediator.id }));
    await ok(act(t, w.lenderRep.token, c.id, 'lender_accept', COUNTER));

    const got = await delivered(t, smtp, c);
    // Clerks hear of a resubmission in the app only.
    expect([...got.keys()].sort()).toEqual([
      'accept.borrower',
      'accept.lender',
      'accept.mediator',
      'lender_accept.borrower',
      'lender_accept.mediator',
      'request_info.borrower',
    ]);
    const to = (kind: string) => got.get(kind)!.mail.envelopeTo;
    expect(to('request_info.borrower')).toEqual([w.borrower.email]);
    expect(to('accept.lender')).toEqual([w.lender.contactEmail]);
    expect(to('accept.borrower')).toEqual([w.borrower.email]);
    expect(to('accept.mediator')).toEqual([w.mediator.email]);
    expect(to('lender_accept.borrower')).toEqual([w.borrower.email]);
    expect(to('lender_accept.mediator')).toEqual([w.mediator.email]);
    for (const { row, mail } of got.values()) {
      expect(mail.subject).toBe(row.subject);
      expect(mail.subject).toContain(c.caseNumber);
      expect(mail.subject).toMatch(CJK);
      expect(mail.from).toBe('调解中心 <no-reply@mediation.local>');
      expect(mail.messageId).toBe(`<${row.id}@mediation.local>`);
      expect(mail.html).toContain('<html');
    }
    const lenderMail = got.get('accept.lender')!.mail;
    expect(lenderMail.subject).toBe(`调解案件通知：请答复是否参加调解（案号 ${c.caseNumber}）`);
    expect(lenderMail.to).toContain(w.lender.name);
    expect(lenderMail.text).toContain(`申请人${w.borrower.name}`);
    expect(lenderMail.text).not.toContain(w.borrower.phone);
    const info = got.get('request_info.borrower')!.mail;
    expect(info.text).toContain('请补充收入证明');
    expect(info.to).toBe(`${w.borrower.name} <${w.borrower.email}>`);
    const counter = got.get('lender_accept.borrower')!.mail.text;
    expect(counter).toContain('8000.00');
    expect(counter).toContain('同意减免罚息');

    const clerkInbox = await inbox(t, w.clerk.token);
    expect(clerkInbox.items.find((n) => n.caseId === c.id)).toMatchObject({
      kind: 'resubmit.clerk',
      title: expect.stringContaining(c.caseNumber),
    });
    const lenderInbox = await inbox(t, w.lenderRep.token);
    expect(lenderInbox.items.filter((n) => n.caseId === c.id).map((n) => n.kind)).toEqual([
      'accept.lender',
    ]);
  });

  it('writes in English to the parties of a case filed in English', async () => {
    const c = await fileCase(t, w, { locale: 'en' });
    await ok(act(t, w.clerk.token, c.id, 'accept', { mediatorId: w.mediator.id }));
    await ok(act(t, w.lenderRep.token, c.id, 'lender_decline', { reason: 'Already in court.' }));

    const got = await delivered(t, smtp, c);
    expect([...got.keys()].sort()).toEqual([
      'accept.borrower',
      'accept.lender',
      'accept.mediator',
      'lender_decline.borrower',
      'lender_decline.mediator',
    ]);
    for (const { mail } of got.values()) {
      expect(mail.subject).toContain(c.caseNumber);
      expect(mail.subject).not.toMatch(CJK);
    }
    expect(got.get('accept.borrower')!.mail.subject).toBe(
      `Your mediation application has been accepted (case ${c.caseNumber})`,
    );
    expect(got.get('lender_decline.borrower')!.mail.envelopeTo).toEqual([w.borrower.email]);
    expect(got.get('lender_decline.mediator')!.mail.text).toContain('Already in court.');
  });

  it('tells a lender nothing of a case before review passes', async () => {
    const c = await fileCase(t, w);
    await ok(act(t, w.clerk.token, c.id, 'request_info', { message: '请补充' }));
    await ok(act(t, w.borrower.token, c.id, 'withdraw', { reason: '已自行协商' }));

    const rows = await outbox(t, c.id);
    expect(rows.map((r) => r.kind)).toEqual(['request_info.borrower']);
    expect(rows.map((r) => r.to_address)).not.toContain(w.lender.contactEmail);
    expect((await inbox(t, w.lenderRep.token)).items.map((n) => n.caseId)).not.toContain(c.id);
    const clerkKinds = (await inbox(t, w.clerk.token)).items
      .filter((n) => n.caseId === c.id)
      .map((n) => n.kind);
    expect(clerkKinds).toEqual(['withdraw.clerk']);
  });

  it('keeps every mail while SMTP is down, answers every call, and sends each once when it is back', async () => {
    await smtp.stop();
    const c = await fileCase(t, w);
    await ok(act(t, w.clerk.token, c.id, 'request_info', { message: '请补充' }));
    await ok(act(t, w.borrower.token, c.id, 'resubmit', { note: '已补充' }));
    await ok(act(t, w.clerk.token, c.id, 'accept', { mediatorId: w.mediator.id }));
    await ok(act(t, w.lenderRep.token, c.id, 'lender_accept', {}));

    const failed = await until(async () => {
      const rows = await outbox(t, c.id);
      return rows.length === 6 && rows.every((r) => r.attempts >= 1 && r.status === 'pending')
        ? rows
        : null;
    }, 'every mail to have failed once');
    expect(failed.every((r) => /ECONNREFUSED/.test(r.last_error ?? ''))).toBe(true);
    expect(forCase(smtp, c.caseNumber)).toHaveLength(0);

    await smtp.start();
    await t.app.get(JobsService).runNow(t.dataSource.manager, ['send_mail']);
    const got = await delivered(t, smtp, c);
    expect(got.size).toBe(6);
    const left = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ANY($1)`,
      [failed.map((r) => `mail:${r.id}`)],
    );
    expect(left[0].n).toBe(0);
  });

  it('keeps an in-app inbox: newest first in pages, read one or all, unread count, own only', async () => {
    const c = await fileCase(t, w);
    const other = await newWorld(t);
    for (const step of [1, 2, 3]) {
      await ok(act(t, w.clerk.token, c.id, 'request_info', { message: `第${step}次补充` }));
      if (step < 3) await ok(act(t, w.borrower.token, c.id, 'resubmit', { note: '已补充' }));
    }
    const before = (await inbox(t, w.borrower.token)).unreadCount;

    const first = await inbox(t, w.borrower.token, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.items[0].body).toContain('第3次补充');
    expect(first.items[1].body).toContain('第2次补充');
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await inbox(
      t,
      w.borrower.token,
      `?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(second.items[0].body).toContain('第1次补充');
    expect(new Set([...first.items, ...second.items].map((n) => n.id)).size).toBe(4);

    const mine = first.items[0];
    const read = await t
      .http()
      .post(`/api/v1/notifications/${mine.id}/read`)
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const count = await t
      .http()
      .get('/api/v1/notifications/unread-count')
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .expect(200);
    expect(count.body).toEqual({ unreadCount: before - 1 });

    for (const id of [mine.id, 'not-a-uuid']) {
      const res = await t
        .http()
        .post(`/api/v1/notifications/${id}/read`)
        .set('Authorization', `Bearer ${other.borrower.token}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }

    const all = await t
      .http()
      .post('/api/v1/notifications/read-all')
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .expect(200);
    expect(all.body).toEqual({ marked: before - 1, unreadCount: 0 });
    expect((await inbox(t, w.borrower.token)).unreadCount).toBe(0);

    const key = await t
      .http()
      .post(`/api/v1/organizations/${w.lender.id}/api-keys`)
      .set('Authorization', `Bearer ${await adminToken(t)}`)
      .send({ name: 'back office' })
      .expect(201);
    const viaKey = await t.http().get('/api/v1/notifications').set('X-API-Key', key.body.key);
    expect(viaKey.status).toBe(200);
    expect(viaKey.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });
});

describe('notifications across restarts, and mail given up', () => {
  let smtp: TestSmtp;
  let b: TestApp;
  const opened: TestApp[] = [];
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    // Each closes once; those a test closed itself are skipped.
    for (const app of opened) if (app.dataSource.isInitialized) await app.close();
    await smtp.stop();
  });

  it('sends after a restart the mail of a transition committed before the service died', async () => {
    // A commits transitions but has no worker (as a process killed right after COMMIT).
    const a = await startTestApp({ SMTP_URL: smtp.url, RUN_WORKER: 'false' });
    opened.push(a);
    const wa = await newWorld(a);
    const c = await fileCase(a, wa);
    await ok(act(a, wa.clerk.token, c.id, 'request_info', { message: '请补充' }));
    const [row] = await outbox(a, c.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    await a.close();

    // A2 runs the worker without SMTP_URL: the mail is logged and kept, no attempt spent.
    const a2 = await startTestApp({}, { databaseUrl: a.databaseUrl });
    opened.push(a2);
    await ok(act(a2, wa.borrower.token, c.id, 'resubmit', { note: '已补充' }));
    await ok(act(a2, wa.clerk.token, c.id, 'reject', { reason: '不属于受理范围' }));
    await until(async () => {
      const [{ n }] = await a2.dataSource.query(
        `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'send_mail'`,
      );
      return n === 0;
    }, 'the jobs to run without SMTP_URL');
    const kept = await outbox(a2, c.id);
    expect(kept.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ['request_info.borrower', 'pending', 0],
      ['reject.borrower', 'pending', 0],
    ]);
    await a2.close();
    expect(smtp.received).toHaveLength(0);

    // B, with SMTP_URL set, sends both, once each.
    b = await startTestApp(
      { SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: '2' },
      { databaseUrl: a.databaseUrl },
    );
    opened.push(b);
    const got = await delivered(b, smtp, c);
    expect([...got.keys()].sort()).toEqual(['reject.borrower', 'request_info.borrower']);
    expect(got.get('request_info.borrower')!.mail.envelopeTo).toEqual([wa.borrower.email]);
  });

  it('gives a mail up as dead, shows it to admins, and sends it when an admin retries', async () => {
    const w = await newWorld(b);
    const admin = await adminToken(b);
    const jobs = b.app.get(JobsService);
    const deadMail = async (caseId: string) =>
      until(async () => {
        const [r] = await outbox(b, caseId);
        return r?.status === 'dead' ? r : null;
      }, 'the mail to be given up');

    // Refused for good (550): dead at once.
    smtp.rcptPolicy = (address) =>
      address === w.borrower.email ? { code: 550, message: 'No such mailbox' } : null;
    const c1 = await fileCase(b, w, { mediationCenterId: w.center.id });
    await ok(act(b, w.clerk.token, c1.id, 'request_info', { message: '请补充' }));
    const dead1 = await deadMail(c1.id);
    expect(dead1).toMatchObject({ attempts: 1, last_error: expect.stringContaining('550') });

    // Refused for now (451) on every attempt: dead after MAIL_MAX_ATTEMPTS = 2.
    smtp.rcptPolicy = (address) =>
      address === w.borrower.email ? { code: 451, message: 'Try again later' } : null;
    const c2 = await fileCase(b, w, { mediationCenterId: w.center.id });
    await ok(act(b, w.clerk.token, c2.id, 'request_info', { message: '请补充' }));
    await until(async () => {
      const [r] = await outbox(b, c2.id);
      return r?.attempts >= 1 && (r.status === 'pending' || r.status === 'dead');
    }, 'the first attempt to fail');
    await jobs.runNow(b.dataSource.manager, ['send_mail']);
    const dead2 = await deadMail(c2.id);
    expect(dead2).toMatchObject({ attempts: 2, last_error: expect.stringContaining('451') });

    const listed = await b
      .http()
      .get('/api/v1/admin/mail?status=dead')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(listed.body.items.map((m: { id: string }) => m.id)).toEqual([dead2.id, dead1.id]);
    expect(listed.body.items[0]).toMatchObject({
      status: 'dead',
      toAddress: w.borrower.email,
      attempts: 2,
      lastError: expect.stringContaining('451'),
    });
    const refused = await b
      .http()
      .get('/api/v1/admin/mail?status=dead')
      .set('Authorization', `Bearer ${w.clerk.token}`);
    expect(refused.status).toBe(403);

    // The mailbox is fixed: one retried by id, the rest all at once.
    smtp.rcptPolicy = null;
    const retried = await b
      .http()
      .post(`/api/v1/admin/mail/${dead1.id}/retry`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    const all = await b
      .http()
      .post('/api/v1/admin/mail/retry-dead')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(all.body).toEqual({ retried: 1 });
    await delivered(b, smtp, c1);
    await delivered(b, smtp, c2);

    const again = await b
      .http()
      .post(`/api/v1/admin/mail/${dead1.id}/retry`)
      .set('Authorization', `Bearer ${admin}`);
    expect(again.status).toBe(409);
  });

  it('two instances sharing the outbox send each mail once, even with duplicate jobs', async () => {
    // B2 queues its mails with 10 attempts, so none is given up however slow this test runs.
    const b2 = await startTestApp(
      { SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: '10' },
      { databaseUrl: b.databaseUrl },
    );
    opened.push(b2);
    const w = await newWorld(b);
    // First attempts fail (451), so every mail waits in the outbox for its retry.
    smtp.rcptPolicy = () => ({ code: 451, message: 'Try again later' });
    const c = await fileCase(b, w, { mediationCenterId: w.center.id });
    await ok(act(b2, w.clerk.token, c.id, 'accept', { mediatorId: w.mediator.id }));
    await ok(act(b2, w.lenderRep.token, c.id, 'lender_accept', COUNTER));
    await until(async () => {
      const rows = await outbox(b, c.id);
      return rows.length === 5 && rows.every((r) => r.attempts >= 1 && r.status === 'pending');
    }, 'every first attempt to fail');

    // Three more jobs per mail (as a retry racing a running job would leave), all due now.
    await b.dataSource.query(
      `SELECT graphile_worker.add_job('send_mail', json_build_object('outboxId', m.id), max_attempts => 10)
         FROM mail_outbox m, generate_series(1, 3) WHERE m.case_id = $1`,
      [c.id],
    );
    smtp.rcptPolicy = null;
    await b.app.get(JobsService).runNow(b.dataSource.manager, ['send_mail']);
    await delivered(b, smtp, c);
    await until(async () => {
      const [{ n }] = await b.dataSource.query(
        `SELECT count(*)::int AS n FROM graphile_worker.jobs
          WHERE task_identifier = 'send_mail' AND run_at <= now()`,
      );
      return n === 0;
    }, 'every due job to have run');
    const rows = await outbox(b, c.id);
    expect(
      forCase(smtp, c.caseNumber)
        .map((m) => m.messageId)
        .sort(),
    ).toEqual(rows.map((r) => r.message_id).sort());
  });
});
