import { act, newWorld, World } from './factories';
import { newCase } from './new-case';
import { startTestApp, TestApp } from './harness';
import { agreementApi, terms } from './support/agreements';
import { browserAgent, csrfOf } from './web-pages';

/** What /verify says of a file that is no agreement in force: a draft, superseded, void. */
describe('verifying what is not in force', () => {
  let t: TestApp;
  let w: World;
  let api: ReturnType<typeof agreementApi>;

  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    api = agreementApi(t);
  });
  afterAll(() => t.close());

  const draftOf = async (caseId: string, version: number) =>
    (
      await api.download(
        caseId,
        ['Authorization', `Bearer ${w.mediator.token}`],
        `?version=${version}`,
      )
    ).body as Buffer;

  /** The /verify page's answer to an uploaded file, as a browser submits it. */
  async function pageFor(file: Buffer): Promise<string> {
    const agent = await browserAgent(t);
    const form = await agent.get('/verify').expect(200);
    const res = await agent
      .post(`/verify?_csrf=${encodeURIComponent(csrfOf(form.text))}`)
      .attach('file', file, 'agreement.pdf')
      .expect(200);
    return res.text;
  }

  it('says an uploaded draft is a draft, not in force, with no seal and no code', async () => {
    const c = await newCase(t, w, { status: 'awaiting_signatures' });
    const a = (await api.get(w.borrower.token, c.id)).body;
    expect(a.verificationCode).toBeNull();
    const draft = await draftOf(c.id, 1);
    const res = await api.upload(draft).expect(200);
    expect(res.body).toMatchObject({
      caseNumber: c.caseNumber,
      status: 'awaiting_signatures',
      draft: true,
      inForce: false,
      seal: null,
      sha256: null,
      signedAt: null,
    });
    expect(res.body.statement).toMatch(/draft/);
    const page = await pageFor(draft);
    expect(page).toContain('data-genuine="true"');
    expect(page).toContain('data-notice="draft"');
    expect(page).toContain('这是一份草稿，不是生效的调解协议');
    expect(page).not.toContain('data-notice="in-force"');
  });

  it('says a revised draft is superseded by the later version, and never in force', async () => {
    const c = await newCase(t, w, { status: 'awaiting_signatures' });
    expect(
      (await act(t, w.mediator.token, c.id, 'revise_agreement', terms({ installments: 6 }))).status,
    ).toBe(200);
    const v1 = await draftOf(c.id, 1);
    const res = await api.upload(v1).expect(200);
    expect(res.body).toMatchObject({
      status: 'superseded',
      version: 1,
      currentVersion: 2,
      draft: true,
      inForce: false,
    });
    expect(res.body.statement).toMatch(/superseded by version 2/);
    const page = await pageFor(v1);
    expect(page).toContain('data-notice="superseded"');
    expect(page).toContain('这个版本已被第 2 版取代');
  });

  it('says the draft of a case that ended without settlement is void', async () => {
    const c = await newCase(t, w, { status: 'awaiting_signatures' });
    const withdrawn = await act(t, w.borrower.token, c.id, 'withdraw', { reason: '已自行还清' });
    expect(withdrawn.body.status).toBe('withdrawn');
    const draft = await draftOf(c.id, 1);
    const res = await api.upload(draft).expect(200);
    expect(res.body).toMatchObject({ status: 'void', draft: true, inForce: false });
    expect(res.body.statement).toMatch(/void/);
    const page = await pageFor(draft);
    expect(page).toContain('data-notice="void"');
    expect(page).toContain('这份协议文本已作废');
  });

  it('says a sealed agreement is in force on the page, by code and by upload', async () => {
    const c = await newCase(t, w, { status: 'settled' });
    const a = (await api.get(w.borrower.token, c.id)).body;
    const byCode = await t.http().get(`/verify?code=${a.verificationCode}`).expect(200);
    expect(byCode.text).toContain('data-notice="in-force"');
    expect(byCode.text).toContain('data-seal="valid"');
    const sealed = (await api.download(c.id, ['Authorization', `Bearer ${w.borrower.token}`]))
      .body as Buffer;
    const page = await pageFor(sealed);
    expect(page).toContain('data-notice="in-force"');
    expect(page).not.toContain('data-notice="draft"');
  });
});
