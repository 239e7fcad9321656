import { randomUUID } from 'node:crypto';
import { JobsService } from '../../src/jobs/jobs.service';
import { adminToken, newWorld, World } from '../e2e/factories';
import { startTestApp, TestApp } from '../e2e/harness';
import { defaultTerms, newCase } from '../e2e/new-case';
import { startSmtp, TestSmtp, until } from '../e2e/smtp';
import { startReceiver } from '../e2e/support/lender';
import { PNG } from '../e2e/support/pages';
import { slot } from '../e2e/support/sessions';
import { examplesApi } from './examples-api';

/**
 * The admin's and the lender's desks (webhooks, dead deliveries and mails, the calendar) and
 * one answer of every error code, each reached the way a client would reach it.
 */
describe('the API’s desks and errors (recorded as the document’s examples)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let w: World;
  let admin: string;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_MAX_ATTEMPTS: '1',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_MAX_ATTEMPTS: '1',
      PUBLIC_BASE_URL: 'https://mediation.test',
    });
    w = await newWorld(t);
    admin = await adminToken(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });
  const jobs = () => t.app.get(JobsService);

  it('a lender’s webhooks, a dead delivery retried', async () => {
    const api = examplesApi(t);
    const receiver = await startReceiver();
    try {
      receiver.state.respond = () => 500;
      const { key } = await api.post(201, `/organizations/${w.lender.id}/api-keys`, admin, {});
      const lender = { key };
      const base = `/organizations/${w.lender.id}/webhooks`;
      const hook = await api.post(201, base, lender, { url: receiver.url });
      await api.get(200, base, lender);
      await newCase(t, w, { status: 'lender_notified' });
      const dead = await until(async () => {
        await jobs().runNow(t.dataSource.manager, ['webhook:deliver']);
        const page = await api.get(200, `${base}/${hook.id}/deliveries?status=dead`, lender);
        return page.items[0];
      }, 'the delivery to die');
      receiver.state.respond = () => 200;
      await api.post(200, `/webhook-deliveries/${dead.id}/retry`, admin);
      await api.del(204, `${base}/${hook.id}`, lender);
    } finally {
      await receiver.close();
    }
  });

  it('a dead mail retried, and the calendar', async () => {
    const api = examplesApi(t);
    smtp.rcptPolicy = () => ({ code: 451, message: 'Try again later' });
    await newCase(t, w, { status: 'needs_info' });
    const dead = await until(async () => {
      await jobs().runNow(t.dataSource.manager, ['send_mail']);
      return (await api.get(200, '/admin/mail?status=dead', admin)).items[0];
    }, 'a mail to die');
    smtp.rcptPolicy = null;
    await api.post(200, `/admin/mail/${dead.id}/retry`, admin);
    await api.post(200, '/admin/mail/retry-dead', admin);

    await api.get(200, '/admin/calendar', admin);
    await api.get(200, '/admin/calendar/2026', admin);
    await api.put(200, '/admin/calendar/2027', admin, {
      holidays: ['2027-01-01', '2027-02-08', '2027-02-09'],
      makeupWorkdays: [],
      notice: '国务院办公厅 2027 年部分节假日安排（录入示例）',
    });
  });

  it('every error code once', async () => {
    const api = examplesApi(t);
    const h = () => api.http();
    const u = api.url;
    const { borrower, clerk, mediator, lenderRep } = w;
    await api.fail('VALIDATION_FAILED', h().post(u('/cases')).send({}), borrower.token);
    await api.fail('UNAUTHENTICATED', h().get(u('/auth/me')));
    const login = (password: string) =>
      h().post(u('/auth/login')).send({ email: clerk.email, password });
    await api.fail('INVALID_CREDENTIALS', login('not-the-password'));
    for (let i = 0; i < 4; i++) await login('not-the-password');
    await api.fail('TOO_MANY_REQUESTS', login('not-the-password'));
    await api.fail('FORBIDDEN', h().get(u('/mediators')), borrower.token);
    await api.fail('CASE_NOT_FOUND', h().get(u(`/cases/${randomUUID()}`)), clerk.token);
    await api.fail('NOT_FOUND', h().post(u(`/notifications/${randomUUID()}/read`)), clerk.token);
    await api.fail(
      'CONFLICT',
      h()
        .post(u(`/organizations/${w.center.id}/api-keys`))
        .send({}),
      admin,
    );
    const contact = h().patch(u('/me/contact')).send({ email: clerk.email });
    await api.fail('EMAIL_TAKEN', contact, borrower.token);
    const self = await api.get(200, '/auth/me', admin);
    await api.fail('CONFLICT', h().post(u(`/admin/users/${self.id}/deactivate`)), admin);

    const c = await newCase(t, w, { status: 'submitted' });
    const act = (action: string, body: object) =>
      h()
        .post(u(`/cases/${c.id}/actions/${action}`))
        .send(body);
    await api.fail(
      'ACTION_NOT_PERMITTED',
      act('accept', { mediatorId: mediator.id }),
      borrower.token,
    );
    await api.fail('PRECONDITION_FAILED', act('request_info', { message: '请补充' }), clerk.token, {
      'If-Match': '"99"',
    });
    const key = { 'Idempotency-Key': 'request-info-2026-12-02-001' };
    await api.post(
      200,
      `/cases/${c.id}/actions/request_info`,
      clerk.token,
      { message: '请补充' },
      key,
    );
    await api.fail(
      'IDEMPOTENCY_KEY_REUSED',
      act('request_info', { message: '另一条' }),
      clerk.token,
      key,
    );
    const evidence = (file: Buffer, name: string) =>
      h()
        .post(u(`/cases/${c.id}/evidence`))
        .attach('file', file, name);
    await api.fail(
      'PAYLOAD_TOO_LARGE',
      evidence(Buffer.alloc(11 << 20, PNG), 'big.png'),
      borrower.token,
    );
    await api.fail(
      'UNSUPPORTED_MEDIA_TYPE',
      evidence(Buffer.from('plain text'), 'a.txt'),
      borrower.token,
    );

    const booked = await newCase(t, w, {
      status: 'session_scheduled',
      session: slot(20 * 24 * 60),
    });
    const other = await newCase(t, w, { status: 'awaiting_session' });
    await api.fail(
      'INVALID_TRANSITION',
      h()
        .post(u(`/cases/${other.id}/actions/draft_agreement`))
        .send(defaultTerms()),
      mediator.token,
    );
    const [session] = await api.get(200, `/cases/${booked.id}/sessions`, mediator.token);
    const clash = {
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      mode: 'online',
      meetingUrl: 'https://meet.example.cn/room-2',
    };
    await api.fail(
      'SESSION_CONFLICT',
      h()
        .post(u(`/cases/${other.id}/actions/schedule_session`))
        .send(clash),
      mediator.token,
    );
    const signing = await newCase(t, w, { status: 'awaiting_signatures' });
    await api.fail(
      'AGREEMENT_MISMATCH',
      h()
        .post(u(`/cases/${signing.id}/actions/sign_agreement`))
        .send({ version: 1, sha256: '0'.repeat(64) }),
      lenderRep.token,
    );
  });
});
