import { borrowerRegistration, createOrganization } from './factories';
import { startTestApp, TestApp } from './harness';
import { count, inputValue, PNG, textOf, uploadOnPage } from './support/pages';
import { browserAgent, dataPage, signUpInBrowser, submit } from './web-pages';

const LOAN = (lenderId: string) => ({
  lenderOrganizationId: lenderId,
  'loan.contractNumber': 'HFQ-2025-00012345',
  'loan.principal': '12000.00',
  'loan.outstandingAmount': '9650.40',
  'loan.overdueSince': '2026-06-15',
});
const REASON = { overdueReason: 'unemployment', reasonDetail: '公司裁员，目前正在找工作' };
const PROPOSAL = {
  'proposal.installments': '12',
  'proposal.requestWaiver': 'true',
  'proposal.note': '希望每月 15 日还款',
  preferredMode: 'online',
};
const CONSENTS = {
  'consents.privacyNoticeVersion': '2026-12-01',
  'consents.onlineMediation': 'true',
  'consents.electronicService': 'true',
  'consents.shareWithLender': 'true',
};

describe('web pages: the application (/apply) without JavaScript', () => {
  let t: TestApp;
  let lender: { id: string; name: string };
  beforeAll(async () => {
    t = await startTestApp();
    await createOrganization(t, 'mediation_center');
    lender = await createOrganization(t, 'lender');
  });
  afterAll(() => t.close());

  const casesOf = (email: string) =>
    count(
      t,
      'SELECT count(*)::int AS n FROM cases c JOIN users u ON u.id = c.borrower_id WHERE u.email = $1',
      [email],
    );

  async function borrower() {
    const person = borrowerRegistration();
    const agent = await browserAgent(t);
    await signUpInBrowser(agent, person);
    return { agent, person };
  }

  it('keeps what was typed, valid or not, in a draft that a reload finds again', async () => {
    const { agent, person } = await borrower();
    const start = await agent.get('/apply').expect(303);
    expect(start.headers.location).toBe('/apply/loan');

    const bad = await submit(
      agent,
      '/apply/loan',
      '/apply/loan',
      { ...LOAN(lender.id), 'loan.principal': '12000' },
      400,
    );
    expect(dataPage(bad.text)).toBe('apply');
    expect(textOf(bad.text, 'f-loan-principal-error')).toContain('保留两位小数');
    expect(inputValue(bad.text, 'loan.principal')).toBe('12000');
    expect(inputValue(bad.text, 'loan.contractNumber')).toBe('HFQ-2025-00012345');

    // A reload (a new GET, as after closing the phone's browser) shows the draft as typed.
    const reloaded = await agent.get('/apply/loan').expect(200);
    expect(inputValue(reloaded.text, 'loan.principal')).toBe('12000');
    expect(reloaded.text).toContain(`<option value="${lender.id}" selected>`);
    // Skipping ahead to the consents is sent back to the first step that is not complete.
    expect((await agent.get('/apply/consents').expect(303)).headers.location).toBe('/apply/loan');

    await submit(agent, '/apply/loan', '/apply/loan', LOAN(lender.id), 303);
    const empty = await submit(agent, '/apply/reason', '/apply/reason', {}, 400);
    expect(textOf(empty.text, 'f-reasonDetail-error')).toContain('请填写此项');
    await submit(agent, '/apply/reason', '/apply/reason', REASON, 303);
    const proposal = await agent.get('/apply/proposal').expect(200);
    expect(proposal.text).toContain('<script src="/assets/apply.js" defer>');
    const saved = await submit(agent, '/apply/proposal', '/apply/proposal', PROPOSAL, 303);
    expect(saved.headers.location).toBe('/apply/consents');
    // The server tells the monthly amount once saved: 965040 fen in 12 is 804.20 each.
    const back = await agent.get('/apply/proposal').expect(200);
    expect(back.text).toContain('分 12 期，每期约 804.20 元');

    expect((await agent.get('/apply').expect(303)).headers.location).toBe('/apply/consents');
    const review = await agent.get('/apply/consents').expect(200);
    expect(review.text).toContain(lender.name);
    expect(review.text).toContain('HFQ-2025-00012345');
    // Sharing is one box of its own; online mediation and electronic service are yes/no
    // choices; nothing is ticked or chosen in advance.
    expect(review.text.match(/type="checkbox"[^>]*name="consents\.\w+"/g)).toHaveLength(1);
    for (const choice of ['onlineMediation', 'electronicService']) {
      expect(
        review.text.match(new RegExp(`type="radio"[^>]*name="consents\\.${choice}"`, 'g')),
      ).toHaveLength(2);
    }
    expect(review.text).not.toMatch(/name="consents\.\w+" value="(true|false)"\s*checked/);
    expect(review.text).toContain('name="serviceAddress.postalAddress"');
    expect(await casesOf(person.email)).toBe(0);
  });

  it('files nothing while a consent is missing, then files one case and drops the draft', async () => {
    const { agent, person } = await borrower();
    await submit(agent, '/apply/loan', '/apply/loan', LOAN(lender.id), 303);
    await submit(agent, '/apply/reason', '/apply/reason', REASON, 303);
    await submit(agent, '/apply/proposal', '/apply/proposal', PROPOSAL, 303);

    const { 'consents.shareWithLender': _share, ...two } = CONSENTS;
    const refused = await submit(agent, '/apply/consents', '/apply/consents', two, 400);
    expect(textOf(refused.text, 'f-consents-shareWithLender-error')).toContain('需要您单独同意');
    expect(refused.text).toMatch(/name="consents\.onlineMediation" value="true"\s*checked/);
    expect(await casesOf(person.email)).toBe(0);

    const filed = await submit(agent, '/apply/consents', '/apply/consents', CONSENTS, 303);
    const [, caseId] = /^\/apply\/([0-9a-f-]{36})\/evidence$/.exec(filed.headers.location)!;
    expect(await casesOf(person.email)).toBe(1);
    const [row] = await t.dataSource.query(
      `SELECT c.status, c.proposal, c.preferred_mode, c.loan_outstanding_fen::int AS fen,
              (SELECT count(*)::int FROM case_consents WHERE case_id = c.id) AS consents
         FROM cases c WHERE c.id = $1`,
      [caseId],
    );
    expect(row).toMatchObject({ status: 'submitted', preferred_mode: 'online', fen: 965040 });
    expect(row.proposal).toEqual({
      installments: 12,
      requestWaiver: true,
      note: '希望每月 15 日还款',
    });
    expect(row.consents).toBe(3);
    const drafts = `SELECT count(*)::int AS n FROM apply_drafts d JOIN users u ON u.id = d.borrower_id
                     WHERE u.email = $1`;
    expect(await count(t, drafts, [person.email])).toBe(0);
    // A new application starts empty.
    const fresh = await agent.get('/apply/loan').expect(200);
    expect(inputValue(fresh.text, 'loan.contractNumber')).toBe('');
  });

  it('takes evidence as the API does: a 20 MB file and a script are refused beside the field, nothing stored', async () => {
    const { agent } = await borrower();
    await submit(agent, '/apply/loan', '/apply/loan', LOAN(lender.id), 303);
    await submit(agent, '/apply/reason', '/apply/reason', REASON, 303);
    await submit(agent, '/apply/proposal', '/apply/proposal', PROPOSAL, 303);
    const filed = await submit(agent, '/apply/consents', '/apply/consents', CONSENTS, 303);
    const page = filed.headers.location as string;
    const caseId = page.split('/')[2];
    const stored = () =>
      count(t, 'SELECT count(*)::int AS n FROM evidence WHERE case_id = $1', [caseId]);

    const big = await uploadOnPage(agent, page, page, Buffer.alloc(20 * 1024 * 1024, 1), 'big.pdf');
    expect(big.status).toBe(413);
    expect(textOf(big.text, 'f-file-error')).toContain('文件超过 10 MB');
    const script = await uploadOnPage(agent, page, page, Buffer.from('#!/bin/sh\n'), 'x.pdf');
    expect(script.status).toBe(415);
    expect(textOf(script.text, 'f-file-error')).toContain('只能上传 PDF、JPG 或 PNG 文件');
    expect(await stored()).toBe(0);

    const ok = await uploadOnPage(agent, page, page, PNG, '失业证明.png');
    expect(ok.status).toBe(303);
    expect(await stored()).toBe(1);
    const listed = await agent.get(page).expect(200);
    expect(listed.text).toContain('失业证明.png');
    expect(listed.text).toContain('文件已上传');

    const receipt = await agent.get(`/apply/${caseId}/receipt`).expect(200);
    const [{ case_number: caseNumber }] = await t.dataSource.query(
      'SELECT case_number FROM cases WHERE id = $1',
      [caseId],
    );
    expect(receipt.text).toContain(`data-case-number="${caseNumber}"`);
    expect(receipt.text).toContain('失业证明.png');

    // Another borrower: the same pages are not found, and their upload stores nothing.
    const other = await borrower();
    await other.agent.get(page).expect(404);
    await other.agent.get(`/apply/${caseId}/receipt`).expect(404);
    const theirs = await uploadOnPage(other.agent, '/apply/loan', page, PNG, 'x.png');
    expect(theirs.status).toBe(404);
    expect(await stored()).toBe(1);
  });
});
