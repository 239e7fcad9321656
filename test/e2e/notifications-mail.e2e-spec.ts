import { JobsService } from '../../src/jobs/jobs.service';
import { act, adminToken, fileCase, newWorld, World, debtStatement } from './factories';
import { startTestApp, TestApp } from './harness';
import { startSmtp, TestSmtp, until } from './smtp';
import { CJK, COUNTER, delivered, forCase, inbox, ok, outbox } from './support/notifications';

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
    // Clerks hear of a resubmission in the app only. The lender answered before its notice
    // was delivered, so its window never ran; the borrower's delivered acceptance started the
    // mediation term, and a mail says how it is counted. Filing sent the borrower a receipt.
    expect([...got.keys()].sort()).toEqual([
      'accept.borrower',
      'accept.lender',
      'accept.mediator',
      'file.borrower',
      'lender_accept.borrower',
      'lender_accept.mediator',
      'record_borrower_service.borrower',
      'request_info.borrower',
    ]);
    const to = (kind: string) => got.get(kind)!.mail.envelopeTo;
    expect(to('request_info.borrower')).toEqual([w.borrower.email]);
    expect(to('accept.lender')).toEqual([w.lender.contactEmail]);
    expect(to('accept.borrower')).toEqual([w.borrower.email]);
    expect(to('accept.mediator')).toEqual([w.mediator.email]);
    expect(to('lender_accept.borrower')).toEqual([w.borrower.email]);
    expect(to('lender_accept.mediator')).toEqual([w.mediator.email]);
    expect(to('record_borrower_service.borrower')).toEqual([w.borrower.email]);
    expect(got.get('record_borrower_service.borrower')!.mail.text).toMatch(
      /本案调解期限：\d+ 日，自 .+送达次日起算.*24:00届满/,
    );
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
      'file.borrower',
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
    expect(rows.map((r) => r.kind)).toEqual(['file.borrower', 'request_info.borrower']);
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
    await ok(act(t, w.lenderRep.token, c.id, 'lender_accept', { debtStatement: debtStatement() }));

    const failed = await until(async () => {
      const rows = await outbox(t, c.id);
      return rows.length === 7 && rows.every((r) => r.attempts >= 1 && r.status === 'pending')
        ? rows
        : null;
    }, 'every mail to have failed once');
    expect(failed.every((r) => /ECONNREFUSED/.test(r.last_error ?? ''))).toBe(true);
    expect(forCase(smtp, c.caseNumber)).toHaveLength(0);

    await smtp.start();
    await t.app.get(JobsService).runNow(t.dataSource.manager, ['send_mail']);
    const got = await delivered(t, smtp, c);
    // The seven kept mails (the receipt of filing among them), and the one the delivered
    // acceptance then started.
    expect(got.size).toBe(8);
    expect(got.has('record_borrower_service.borrower')).toBe(true);
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
