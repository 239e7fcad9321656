import { newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { PNG } from './support/pages';
import { browserAgent, csrfOf, dataPage } from './web-pages';

/*
 * Issue 16: the /verify page takes a 结清证明 in the same upload form as an agreement (a
 * borrower holding a PDF need not know which check it needs). It answers what
 * `POST /api/v1/verify/settlement-certificate` answers — case number, amounts, the day, the
 * seal — and nothing more personal; one changed byte is not genuine; a file that is no PDF is
 * told so beside the field.
 */
describe('web /verify: the settlement certificate', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const api = (token: string) => ({
    post: (path: string, body: object) =>
      t.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    pdf: async (path: string) =>
      (
        await t
          .http()
          .get(`/api/v1${path}`)
          .set('Authorization', `Bearer ${token}`)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200)
      ).body as Buffer,
  });

  /** A settled case paid (and waived) to the end, and its certificate as the borrower has it. */
  async function completed(waiveOne: boolean) {
    const c = await newCase(t, w, { status: 'settled' });
    const lender = api(w.lenderRep.token);
    const amount = waiveOne ? '7333.34' : '8000.00';
    await lender
      .post(`/cases/${c.id}/payments`, { amount, paidOn: today(), reference: 'ALL' })
      .expect(201);
    if (waiveOne) {
      // 7333.34 fills installment 1, then 12 down to 3 (early repayment): 2 is left, waived.
      await lender
        .post(`/cases/${c.id}/plan/installments/2/waive`, { reason: '经协商减免最后一期' })
        .expect(201);
    }
    return { c, pdf: await api(w.borrower.token).pdf(`/cases/${c.id}/plan/certificate`) };
  }

  /** The page's answer to an uploaded file, as a browser without JavaScript submits it. */
  async function upload(file: Buffer, filename: string, status = 200) {
    const agent = await browserAgent(t);
    const form = await agent.get('/verify').expect(200);
    expect(form.text).toContain('协议书或结清证明');
    const res = await agent
      .post(`/verify?_csrf=${encodeURIComponent(csrfOf(form.text))}`)
      .attach('file', file, filename)
      .expect(status);
    expect(dataPage(res.text)).toBe('verify');
    return res.text;
  }
  const fact = (html: string, label: string) =>
    new RegExp(`<dt>${label}</dt><dd[^>]*>([^<]+)</dd>`).exec(html)?.[1] ?? null;

  it('verifies a genuine certificate, showing what the API shows and nothing more personal', async () => {
    const { c, pdf } = await completed(false);
    const fromApi = await t
      .http()
      .post('/api/v1/verify/settlement-certificate')
      .attach('file', pdf, { filename: 'certificate.pdf', contentType: 'application/pdf' })
      .expect(200);
    const page = await upload(pdf, '结清证明.pdf');
    expect(page).toContain('data-genuine="true"');
    expect(page).toContain('data-kind="certificate"');
    expect(page).toContain('真实：这是本中心出具的结清证明');
    expect(fact(page, '案号')).toBe(fromApi.body.caseNumber);
    expect(fromApi.body.caseNumber).toBe(c.caseNumber);
    expect(fact(page, '文书')).toBe('结清证明');
    expect(fact(page, '结清日期')).toBe(fromApi.body.completedOn);
    expect(fact(page, '已还款总额')).toBe(`¥${fromApi.body.paid}`);
    expect(fromApi.body.paid).toBe('8000.00');
    expect(page).not.toContain('贷款机构减免金额'); // nothing was waived
    expect(fact(page, '文件指纹（SHA-256）')).toBe(fromApi.body.sha256);
    expect(page).toContain('data-seal="valid"');
    expect(page).not.toContain('data-notice="seal-broken"');
    // Nothing personal: neither party's name nor the borrower's contact, as the API gives none.
    for (const personal of [w.borrower.name, w.borrower.email, w.borrower.phone, w.lender.name]) {
      expect(page).not.toContain(personal);
    }

    // In English too.
    const agent = await browserAgent(t);
    const form = await agent.get('/verify?lang=en').expect(200);
    const en = await agent
      .post(`/verify?_csrf=${encodeURIComponent(csrfOf(form.text))}`)
      .attach('file', pdf, 'certificate.pdf')
      .expect(200);
    expect(en.text).toContain('Genuine: this settlement certificate was issued by the centre');
  });

  it('says a certificate with one changed byte is not genuine, and a partly waived one says what was waived', async () => {
    const { pdf } = await completed(true);
    const changed = Buffer.from(pdf);
    const at = changed.indexOf('/Title') + 8;
    changed[at] = changed[at] ^ 0x01;
    const refused = await upload(changed, '结清证明.pdf');
    expect(refused).toContain('data-genuine="false"');
    expect(refused).toContain('也不是本中心出具的结清证明');
    expect(refused).not.toContain('data-kind="certificate"');

    const page = await upload(pdf, '结清证明.pdf');
    expect(page).toContain('data-kind="certificate"');
    expect(fact(page, '已还款总额')).toBe('¥7333.34');
    expect(fact(page, '贷款机构减免金额')).toBe('¥666.66');
  });

  it('tells a file that is no PDF apart, beside the field, and checks nothing', async () => {
    for (const [file, name] of [
      [PNG, 'photo.png'],
      [Buffer.from('结清证明 (a text file)'), 'certificate.pdf'],
    ] as const) {
      const page = await upload(file, name, 400);
      expect(page).toContain('这不是 PDF 文件：请上传您收到的 PDF 格式的协议书或结清证明');
      expect(page).toContain('aria-invalid="true"');
      expect(page).not.toContain('data-genuine=');
    }
  });
});
