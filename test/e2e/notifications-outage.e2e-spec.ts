import { JobsService } from '../../src/jobs/jobs.service';
import { act, adminToken, fileCase, newWorld } from './factories';
import { startTestApp, TestApp } from './harness';
import { startSmtp, TestSmtp, until } from './smtp';
import { COUNTER, delivered, forCase, ok, outbox } from './support/notifications';

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
    const rows = await outbox(a, c.id);
    expect(rows.map((r) => r.kind)).toEqual(['file.borrower', 'request_info.borrower']);
    for (const row of rows) expect(row).toMatchObject({ status: 'pending', attempts: 0 });
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
      ['file.borrower', 'pending', 0],
      ['request_info.borrower', 'pending', 0],
      ['reject.borrower', 'pending', 0],
    ]);
    await a2.close();
    expect(smtp.received).toHaveLength(0);

    // B, with SMTP_URL set, sends all three, once each.
    b = await startTestApp(
      { SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: '2' },
      { databaseUrl: a.databaseUrl },
    );
    opened.push(b);
    const got = await delivered(b, smtp, c);
    expect([...got.keys()].sort()).toEqual([
      'file.borrower',
      'reject.borrower',
      'request_info.borrower',
    ]);
    expect(got.get('request_info.borrower')!.mail.envelopeTo).toEqual([wa.borrower.email]);
  });

  it('gives a mail up as dead, shows it to admins, and sends it when an admin retries', async () => {
    const w = await newWorld(b);
    const admin = await adminToken(b);
    const jobs = b.app.get(JobsService);
    const deadMail = async (caseId: string) =>
      until(async () => {
        const r = (await outbox(b, caseId)).find((m) => m.kind === 'request_info.borrower');
        return r?.status === 'dead' ? r : null;
      }, 'the mail to be given up');
    // Each case's receipt of filing is delivered before the mailbox starts refusing.
    const filed = async () => {
      const c = await fileCase(b, w, { mediationCenterId: w.center.id });
      await delivered(b, smtp, c);
      return c;
    };

    // Refused for good (550): dead at once.
    const c1 = await filed();
    smtp.rcptPolicy = (address) =>
      address === w.borrower.email ? { code: 550, message: 'No such mailbox' } : null;
    await ok(act(b, w.clerk.token, c1.id, 'request_info', { message: '请补充' }));
    const dead1 = await deadMail(c1.id);
    expect(dead1).toMatchObject({ attempts: 1, last_error: expect.stringContaining('550') });

    // Refused for now (451) on every attempt: dead after MAIL_MAX_ATTEMPTS = 2.
    smtp.rcptPolicy = null;
    const c2 = await filed();
    smtp.rcptPolicy = (address) =>
      address === w.borrower.email ? { code: 451, message: 'Try again later' } : null;
    await ok(act(b, w.clerk.token, c2.id, 'request_info', { message: '请补充' }));
    await until(async () => {
      const r = (await outbox(b, c2.id)).find((m) => m.kind === 'request_info.borrower');
      return !!r && r.attempts >= 1 && (r.status === 'pending' || r.status === 'dead');
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
      return rows.length === 6 && rows.every((r) => r.attempts >= 1 && r.status === 'pending');
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
