import { act, fileCase, newWorld } from './factories';
import { ADMIN, startTestApp, TestApp } from './harness';
import { startSmtp, TestSmtp, until } from './smtp';
import { delivered, ok, outbox } from './support/notifications';
import { signedIn } from './support/pages';
import { submit } from './web-pages';

describe('web pages: the admin’s dead letters', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: '2' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const card = (html: string, id: string) =>
    new RegExp(`<li[^>]*data-mail="${id}"[^>]*>[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';

  it('shows a mail given up as dead, queues it again on retry, and it is sent', async () => {
    const w = await newWorld(t);
    const c = await fileCase(t, w, { mediationCenterId: w.center.id });
    // The filing receipt arrives; then the borrower's mailbox refuses for good (550): the next
    // mail is dead at once.
    await delivered(t, smtp, c);
    smtp.rcptPolicy = (address) =>
      address === w.borrower.email ? { code: 550, message: 'No such mailbox' } : null;
    await ok(act(t, w.clerk.token, c.id, 'request_info', { message: '请补充收入证明' }));
    const dead = await until(async () => {
      const rows = await outbox(t, c.id);
      return rows.find((r) => r.kind === 'request_info.borrower' && r.status === 'dead') ?? null;
    }, 'the mail to be given up');

    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    const page = (await admin.get('/admin/mail').expect(200)).text;
    expect(page).toContain('data-page="admin-mail"');
    const shown = card(page, dead.id);
    expect(shown).toContain('data-status="dead"');
    expect(shown).toContain(w.borrower.email);
    expect(shown).toContain('550');
    expect(shown).toContain('data-action="retry-mail"');

    // The mailbox is fixed; the admin retries it from the page.
    smtp.rcptPolicy = null;
    await submit(admin, '/admin/mail', `/admin/mail/${dead.id}/retry`, {}, 303);
    const [queued] = (await outbox(t, c.id)).filter((r) => r.id === dead.id);
    expect(['pending', 'sending', 'sent']).toContain(queued.status);
    expect(queued.last_error).toBeNull();
    const got = await delivered(t, smtp, c);
    expect(got.get('request_info.borrower')!.mail.envelopeTo).toEqual([w.borrower.email]);
    const after = (await admin.get('/admin/mail').expect(200)).text;
    expect(card(after, dead.id)).toBe('');
    const sentList = (await admin.get('/admin/mail?status=sent').expect(200)).text;
    expect(card(sentList, dead.id)).toContain('data-status="sent"');
    expect(card(sentList, dead.id)).not.toContain('data-action="retry-mail"');

    // Sent already: the API's conflict, in its words, and nothing changes.
    const again = await submit(admin, '/admin/mail', `/admin/mail/${dead.id}/retry`, {}, 409);
    expect(again.text).toContain('role="alert"');
    expect(again.text).toContain('该邮件状态为 sent');
    expect((await outbox(t, c.id)).find((r) => r.id === dead.id)!.status).toBe('sent');
  });

  it('retries every dead mail at once', async () => {
    const w = await newWorld(t);
    smtp.rcptPolicy = (address) =>
      address === w.borrower.email ? { code: 550, message: 'No such mailbox' } : null;
    const c = await fileCase(t, w, { mediationCenterId: w.center.id });
    await ok(act(t, w.clerk.token, c.id, 'request_info', { message: '请补充' }));
    await until(async () => {
      const rows = await outbox(t, c.id);
      return rows.some((r) => r.status === 'dead') || null;
    }, 'a mail to be given up');
    smtp.rcptPolicy = null;
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    expect((await admin.get('/admin/mail').expect(200)).text).toContain('data-action="retry-dead"');
    await submit(admin, '/admin/mail', '/admin/mail/retry-dead', {}, 303);
    await delivered(t, smtp, c);
    expect((await outbox(t, c.id)).every((r) => r.status === 'sent')).toBe(true);
  });
});
