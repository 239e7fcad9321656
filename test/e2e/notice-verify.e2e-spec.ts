import { act, fileCase, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { startSmtp, TestSmtp, until } from './smtp';
import type { ReceivedMail } from './smtp';
import { browserAgent, csrfOf, dataPage } from './web-pages';
import { ok, outbox } from './support/notifications';

/** The check code as a mail's footer prints it: `核验码：7QF3M-9DXR2` / `Check code …: 7QF3M-9DXR2`. */
const codeIn = (text: string) => {
  const m = /(?:核验码：|Check code of this notice: )([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text);
  if (!m) throw new Error(`no check code in:\n${text}`);
  return m[1];
};

const LIMIT = 6;

describe('verifiable notices', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let w: World;
  let c: { id: string; caseNumber: string };
  let receipt: ReceivedMail;
  let addr = 0;
  /** A fresh client address behind the trusted proxy, so each check counts on its own. */
  const from = () => `198.51.100.${++addr}`;
  const verify = (code: string, ip = from()) =>
    t
      .http()
      .get(`/api/v1/verify/${encodeURIComponent(code)}`)
      .set('X-Forwarded-For', ip);
  const mailOf = async (kind: string) => {
    const rows = await until(async () => {
      const r = (await outbox(t, c.id)).filter((x) => x.kind === kind && x.status === 'sent');
      return r.length ? r : null;
    }, `${kind} to be sent`);
    return until(
      async () => smtp.received.find((m) => m.messageId === rows[0].message_id) ?? null,
      `${kind} to arrive`,
    );
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      TRUST_PROXY: '127.0.0.1',
      VERIFICATIONS_PER_HOUR: String(LIMIT),
    });
    w = await newWorld(t);
    c = await fileCase(t, w);
    receipt = await mailOf('file.borrower');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sends the borrower a receipt on filing: case number, what comes next, deadlines, rights', () => {
    expect(receipt.envelopeTo).toEqual([w.borrower.email]);
    expect(receipt.subject).toBe(`调解申请已收到（案号 ${c.caseNumber}）`);
    const text = receipt.text;
    expect(text).toContain(`案号为 ${c.caseNumber}`);
    expect(text).toContain('调解中心的工作人员将审核您的申请');
    // The lender's window runs from service on the lender, in the configured period.
    expect(text).toMatch(/贷款机构的答复期限为 7 日，自通知送达贷款机构的次日起算/);
    expect(text).toMatch(/调解期限为 30 日，自受理通知送达您的次日起算/);
    for (const right of [
      '完全自愿',
      '不收取任何费用',
      '随时撤回申请',
      '更换调解员',
      '不公开进行',
    ]) {
      expect(text).toContain(right);
    }
    expect(text).toContain(`/cases/${c.id}`);
  });

  it('prints a check code in every mail’s footer, with the words against fraud', () => {
    const code = codeIn(receipt.text);
    const footer = receipt.text.slice(receipt.text.lastIndexOf('\n--\n'));
    expect(footer).toContain(`/verify?code=${code}`);
    expect(footer).toContain('不会要求您向任何个人账户转账');
    expect(footer).toContain('调解不收取任何费用');
    expect(receipt.html).toContain(code);
    // The sign-up mail, about no case, carries one too, in both languages.
    const welcome = smtp.received.find(
      (m) => m.envelopeTo.includes(w.borrower.email) && m.subject.includes('账户已开通'),
    )!;
    expect(welcome.text).toMatch(/核验码 \/ Check code: [0-9A-Z]{5}-[0-9A-Z]{5}/);
    expect(welcome.text).toContain('personal account');
  });

  it('answers a code read from a sent mail: what the notice was, and nothing personal', async () => {
    const code = codeIn(receipt.text);
    const res = await verify(code).expect(200);
    expect(res.body).toMatchObject({
      kind: 'notice',
      code,
      notice: 'file.borrower',
      about: { 'zh-CN': '调解申请受理回执', en: 'Receipt for a mediation application' },
      caseNumber: c.caseNumber,
      recipientRole: 'borrower',
      channel: 'mail',
    });
    expect(new Date(res.body.issuedAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(res.body.sentAt).not.toBeNull();
    const body = JSON.stringify(res.body);
    for (const personal of [w.borrower.name, w.borrower.email, w.borrower.phone, w.borrower.id]) {
      expect(body).not.toContain(personal);
    }
    for (const amount of ['12000', '9650', '8000']) expect(body).not.toContain(amount);
    expect(body).not.toContain('HFQ-');
    // As a person types it: lower case, spaces for the dash.
    await verify(code.toLowerCase().replace('-', ' ')).expect(200);
  });

  it('tells the lender’s notice from the borrower’s by its role', async () => {
    await ok(act(t, w.clerk.token, c.id, 'accept', { mediatorId: w.mediator.id }));
    const lenderMail = await mailOf('accept.lender');
    const res = await verify(codeIn(lenderMail.text)).expect(200);
    expect(res.body).toMatchObject({
      notice: 'accept.lender',
      recipientRole: 'lender',
      caseNumber: c.caseNumber,
    });
    expect(JSON.stringify(res.body)).not.toContain(w.lender.name);
    expect(codeIn(lenderMail.text)).not.toBe(codeIn(receipt.text));
  });

  it('answers 404 for a made-up code, of either shape, and for garbage', async () => {
    for (const made of ['ZZZZZ-ZZZZZ', '00000-00000', 'ZZZZ-ZZZZ-ZZZZ', 'hello']) {
      const res = await verify(made).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
  });

  it('limits checks per client address, with Retry-After, and leaves other addresses alone', async () => {
    const code = codeIn(receipt.text);
    const busy = '203.0.113.9';
    const statuses = [];
    for (let i = 0; i < LIMIT; i++) {
      statuses.push((await verify(i % 2 ? code : 'ZZZZZ-ZZZZZ', busy)).status);
    }
    expect(statuses).toEqual([404, 200, 404, 200, 404, 200]);
    const refused = await verify(code, busy).expect(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // The page counts with the API: the same address is refused there too.
    const page = await t
      .http()
      .get(`/verify?code=${code}`)
      .set('X-Forwarded-For', busy)
      .expect(429);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    // Another client behind the same proxy still gets its answer.
    await verify(code, '203.0.113.10').expect(200);
  });

  it('counts a file’s check with the codes’, before the upload is read, on the API and the page', async () => {
    const busy = '203.0.113.20';
    const pdf = Buffer.from('%PDF-1.7\n% not one of ours\n%%EOF\n');
    const upload = (path: string) =>
      t
        .http()
        .post(path)
        .set('X-Forwarded-For', busy)
        .attach('file', pdf, { filename: 'a.pdf', contentType: 'application/pdf' });
    const agent = await browserAgent(t);
    const form = await agent.get('/verify').set('X-Forwarded-For', busy).expect(200);
    const onPage = () =>
      agent
        .post(`/verify?_csrf=${encodeURIComponent(csrfOf(form.text))}`)
        .set('X-Forwarded-For', busy)
        .attach('file', pdf, 'a.pdf');
    const statuses = [
      (await upload('/api/v1/verify')).status,
      (await upload('/api/v1/verify/settlement-certificate')).status,
      (await onPage()).status,
      (await upload('/api/v1/verify')).status,
      (await verify(codeIn(receipt.text), busy)).status,
      (await upload('/api/v1/verify/settlement-certificate')).status,
    ];
    // The page's one upload is one check, though it asks for an agreement, then a certificate.
    expect(statuses).toEqual([404, 404, 200, 404, 200, 404]);
    for (const path of ['/api/v1/verify', '/api/v1/verify/settlement-certificate']) {
      const refused = await upload(path).expect(429);
      expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    const page = await onPage().expect(429);
    expect(dataPage(page.text)).toBe('error');
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    // Refused before the body is read: what would be a 415 (not multipart) is a 429 too.
    await t
      .http()
      .post('/api/v1/verify')
      .set('X-Forwarded-For', busy)
      .send({ file: 'x' })
      .expect(429);
    await verify(codeIn(receipt.text), busy).expect(429);
    // Another address is not held back by this one.
    await t
      .http()
      .post('/api/v1/verify')
      .set('X-Forwarded-For', '203.0.113.21')
      .attach('file', pdf, { filename: 'a.pdf', contentType: 'application/pdf' })
      .expect(404);
  });

  it('shows the notice on the /verify page, in the reader’s language, without anything personal', async () => {
    const code = codeIn(receipt.text);
    const zh = await t
      .http()
      .get(`/verify?code=${code}`)
      .set('X-Forwarded-For', from())
      .expect(200);
    expect(dataPage(zh.text)).toBe('verify');
    expect(zh.text).toContain('data-genuine="true"');
    expect(zh.text).toContain('真实：这是本平台发出的通知');
    expect(zh.text).toContain('调解申请受理回执');
    expect(zh.text).toContain(c.caseNumber);
    expect(zh.text).toContain('data-role="borrower"');
    expect(zh.text).not.toContain(w.borrower.name);
    expect(zh.text).not.toContain(w.borrower.email);
    const en = await t
      .http()
      .get(`/verify?code=${code}&lang=en`)
      .set('X-Forwarded-For', from())
      .expect(200);
    expect(en.text).toContain('Receipt for a mediation application');
    const made = await t
      .http()
      .get('/verify?code=ZZZZZ-ZZZZZ')
      .set('X-Forwarded-For', from())
      .expect(200);
    expect(made.text).toContain('data-genuine="false"');
    expect(made.text).toContain('没有通知或文书使用这个核验码');
  });

  it('gives a notice served by post its own code, printed on the letter', async () => {
    const posted = await fileCase(t, w, {
      consents: {
        privacyNoticeVersion: '2026-12-01',
        onlineMediation: true,
        electronicService: false,
        shareWithLender: true,
      },
      serviceAddress: { postalAddress: '北京市朝阳区某街道 1 号' },
    });
    const [task] = await t.dataSource.query(
      `SELECT kind, text_body FROM postal_tasks WHERE case_id = $1`,
      [posted.id],
    );
    expect(task.kind).toBe('file.borrower');
    expect((await outbox(t, posted.id)).map((m) => m.kind)).toEqual([]);
    const res = await verify(codeIn(task.text_body)).expect(200);
    expect(res.body).toMatchObject({
      notice: 'file.borrower',
      caseNumber: posted.caseNumber,
      channel: 'post',
      sentAt: null,
    });
  });
});
