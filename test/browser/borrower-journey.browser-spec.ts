import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sync as icalSync } from 'node-ical';
import type { VEvent } from 'node-ical';
import type { Page } from 'playwright-core';
import { act, borrowerRegistration, debtStatement } from '../e2e/factories';
import { defaultTerms } from '../e2e/new-case';
import { count, PNG } from '../e2e/support/pages';
import {
  BrowserWorld,
  checkPage,
  expectDataPage,
  fieldError,
  fillRegistration,
  logInInBrowser,
  signUpInBrowser,
  startBrowserWorld,
} from './browser';
import {
  checkNoScriptPage,
  downloadFrom,
  sessionSoon,
  staffWorld,
  StaffWorld,
  stepOf,
  readInbox,
  typeLoanAndReason,
  typeLoanReasonProposal,
  waitUntil,
} from './borrower-steps';

/**
 * A borrower's whole case in the browser, without JavaScript, at 360 px: sign up, file with
 * evidence, answer a request for information, see the lender's answer, take the session's
 * invite, read and sign the agreement, check the sealed PDF. The clerk, the lender and the
 * mediator act through the API. The tests run in order on one case.
 */
describe('the borrower’s pages, in a real browser (without JavaScript but for one script)', () => {
  let w: BrowserWorld;
  let s: StaffWorld;
  let page: Page;
  let caseId: string;
  let caseNumber: string;
  beforeAll(async () => {
    w = await startBrowserWorld();
    s = await staffWorld(w.t);
    page = await w.newPage({ javaScript: false });
  });
  afterAll(() => w?.close());

  const status = async () =>
    (await w.t.dataSource.query('SELECT status FROM cases WHERE id = $1', [caseId]))[0].status;

  it('signs up and files with evidence; a bad ID, a missing consent and a 20 MB file are refused beside their fields, creating nothing', async () => {
    const person = borrowerRegistration();
    await page.goto('/register');
    await fillRegistration(page, { ...person, idNumber: '110105194912310021' });
    await page.getByRole('button', { name: '注册' }).click();
    await expect(fieldError(page, 'idNumber').textContent()).resolves.toContain('校验位不符');
    const users = 'SELECT count(*)::int AS n FROM users WHERE email = $1';
    expect(await count(w.t, users, [person.email])).toBe(0);
    await page.getByLabel('居民身份证号码').fill(person.idNumber);
    await page.getByLabel('设置密码').fill(person.password);
    await page.getByRole('button', { name: '注册' }).click();
    // The same answer for a known address: the login page, then sign in.
    await expectDataPage(page, 'login');
    await logInInBrowser(page, person.email, person.password);
    await expectDataPage(page, 'cases');

    await page.getByRole('link', { name: '申请调解' }).first().click();
    await expectDataPage(page, 'apply');
    await checkNoScriptPage(w, page, 'apply-loan');
    // A typo: the error beside the field, every typed value kept; a reload keeps the draft.
    await page.getByLabel('贷款机构').selectOption({ label: s.lender.name });
    await page.getByLabel('借款合同编号').fill('HFQ-2025-00012345');
    await page.getByLabel('借款本金（元）').fill('12000');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await expect(fieldError(page, 'loan.principal').textContent()).resolves.toContain('两位小数');
    await expect(page.getByLabel('借款合同编号').inputValue()).resolves.toBe('HFQ-2025-00012345');
    await checkNoScriptPage(w, page, 'apply-loan-errors');
    await page.goto('/apply');
    await expect(page.getByLabel('借款本金（元）').inputValue()).resolves.toBe('12000');

    await typeLoanReasonProposal(page, s.lender.name);
    await expect(stepOf(page)).resolves.toBe('consents');
    await checkNoScriptPage(w, page, 'apply-consents');
    // Online mediation and electronic service are free choices, each a yes or a no.
    const online = page.getByRole('group', { name: /是否同意在线进行调解/ });
    await online.getByLabel('是', { exact: true }).check();
    const electronic = page.getByRole('group', { name: /是否同意以电子方式送达/ });
    await electronic.getByLabel('是', { exact: true }).check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(fieldError(page, 'consents.shareWithLender').textContent()).resolves.toContain(
      '单独同意',
    );
    await expect(online.getByLabel('是', { exact: true }).isChecked()).resolves.toBe(true);
    await checkNoScriptPage(w, page, 'apply-consents-errors');
    const cases =
      'SELECT count(*)::int AS n FROM cases c JOIN users u ON u.id = c.borrower_id WHERE u.email = $1';
    expect(await count(w.t, cases, [person.email])).toBe(0);
    await page.getByLabel(/我单独同意向上面选择的贷款机构/).check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('已提交');
    await checkNoScriptPage(w, page, 'apply-evidence');
    caseId = /\/apply\/([0-9a-f-]{36})\/evidence/.exec(page.url())![1];

    const big = join(w.t.config.dataDir, 'scan.pdf');
    writeFileSync(big, Buffer.alloc(20 * 1024 * 1024, 1));
    await page.getByLabel('选择文件').setInputFiles(big);
    await page.getByRole('button', { name: '上传文件' }).click();
    await expect(fieldError(page, 'file').textContent()).resolves.toContain('文件超过 10 MB');
    await checkNoScriptPage(w, page, 'apply-evidence-errors');
    const evidence = 'SELECT count(*)::int AS n FROM evidence WHERE case_id = $1';
    expect(await count(w.t, evidence, [caseId])).toBe(0);
    const proof = join(w.t.config.dataDir, '失业证明.png');
    writeFileSync(proof, PNG);
    await page.getByLabel('选择文件').setInputFiles(proof);
    await page.getByRole('button', { name: '上传文件' }).click();
    await expect(page.getByText('失业证明.png').isVisible()).resolves.toBe(true);
    expect(await count(w.t, evidence, [caseId])).toBe(1);

    await page.getByRole('link', { name: '完成，查看回执' }).click();
    caseNumber = (await page.locator('[data-case-number]').getAttribute('data-case-number'))!;
    expect(caseNumber).toMatch(/^MED-\d{4}-\d{6}$/);
    await checkNoScriptPage(w, page, 'apply-receipt', 'apply');
  });

  it('answers a request for information with a document and a note', async () => {
    expect(
      (
        await act(w.t, s.clerk.token, caseId, 'request_info', {
          message: '请补充近三个月的收入证明',
        })
      ).status,
    ).toBe(200);
    await page.goto('/cases');
    await page.getByRole('link', { name: caseNumber }).click();
    await expectDataPage(page, 'case');
    await expect(page.locator('[data-status]').first().getAttribute('data-status')).resolves.toBe(
      'needs_info',
    );
    await expect(page.getByText('请补充近三个月的收入证明').first().isVisible()).resolves.toBe(
      true,
    );
    await checkNoScriptPage(w, page, 'case-needs-info');
    const income = join(w.t.config.dataDir, '收入证明.png');
    writeFileSync(income, PNG);
    await page
      .locator('form[data-action="upload-evidence"]')
      .getByLabel('选择文件')
      .setInputFiles(income);
    await page.getByRole('button', { name: '上传文件' }).click();
    await page.getByLabel(/给书记员的说明/).fill('已上传收入证明');
    await page.getByRole('button', { name: '重新提交' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('已重新提交');
    expect(await status()).toBe('submitted');
    await expect(page.getByText('收入证明.png').isVisible()).resolves.toBe(true);
  });

  it('shows the lender’s answer beside the borrower’s own proposal, and gives the session’s invite', async () => {
    expect(
      (await act(w.t, s.clerk.token, caseId, 'accept', { mediatorId: s.mediator.id })).status,
    ).toBe(200);
    const counterProposal = {
      settlementAmount: '8000.00',
      installments: 6,
      waivedAmount: '1650.40',
      note: '同意减免全部罚息',
    };
    expect(
      (
        await act(w.t, s.lenderRep.token, caseId, 'lender_accept', {
          debtStatement: debtStatement(),
          counterProposal,
        })
      ).status,
    ).toBe(200);
    await page.reload();
    const lender = page.locator('[data-proposal="lender"]');
    await expect(lender.textContent()).resolves.toContain(
      '共还 8000.00 元，分 6 期，每期约 1333.33 元；减免 1650.40 元',
    );
    await expect(lender.textContent()).resolves.toContain('同意减免全部罚息');
    await expect(page.locator('[data-proposal="borrower"]').textContent()).resolves.toContain(
      '每期约 804.20 元',
    );
    await checkNoScriptPage(w, page, 'case-lender-answered');
    // The list says the same in words, with the deadline that runs now.
    await page.goto('/cases');
    const card = page.locator('.case-card', { hasText: caseNumber });
    await expect(card.locator('[data-status]').textContent()).resolves.toBe(
      '对方同意调解，等待安排会议',
    );
    await expect(card.locator('dt', { hasText: '调解期限届满' }).count()).resolves.toBe(1);
    await checkNoScriptPage(w, page, 'cases-borrower', 'cases');
    await page.getByRole('link', { name: caseNumber }).click();

    const session = sessionSoon();
    expect((await act(w.t, s.mediator.token, caseId, 'schedule_session', session)).status).toBe(
      200,
    );
    await page.reload();
    await expect(
      page.getByRole('link', { name: 'https://meet.example.cn/room-7' }).isVisible(),
    ).resolves.toBe(true);
    await checkNoScriptPage(w, page, 'case-session');
    const file = await downloadFrom(
      page,
      '下载日历邀请（.ics）',
      join(w.t.config.dataDir, 'invite.ics'),
    );
    const event = Object.values(icalSync.parseICS(readFileSync(file, 'utf8'))).find(
      (e) => e?.type === 'VEVENT',
    ) as VEvent;
    expect(new Date(event.start).getTime()).toBe(new Date(session.startsAt).getTime());
    expect(String(event.summary)).toContain(caseNumber);
    await waitUntil(session.startsAt);
  });

  it('reads the agreement as text, signs the version and hash shown, and finds the sealed PDF genuine', async () => {
    expect(
      (await act(w.t, s.mediator.token, caseId, 'draft_agreement', defaultTerms())).status,
    ).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: '阅读并签署协议' }).click();
    await expectDataPage(page, 'agreement');
    await expect(page.locator('.agreement-text').textContent()).resolves.toContain(
      '人民币 8000.00 元',
    );
    const sha = await page.locator('[data-signing-sha256]').getAttribute('data-signing-sha256');
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await checkNoScriptPage(w, page, 'agreement');
    await page.getByRole('button', { name: '确认签署' }).click();
    await expect(fieldError(page, 'confirm').textContent()).resolves.toContain('请勾选以确认');
    await page.getByLabel(/我已阅读并同意/).check();
    await page.getByRole('button', { name: '确认签署' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('您已签署调解协议');

    // The lender signs through the API; both signatures bind only once the mediator confirms.
    const agreement = await w.t
      .http()
      .get(`/api/v1/cases/${caseId}/agreement`)
      .set('Authorization', `Bearer ${s.lenderRep.token}`)
      .expect(200);
    const sign = { version: agreement.body.version, sha256: agreement.body.draftSha256 };
    expect((await act(w.t, s.lenderRep.token, caseId, 'sign_agreement', sign)).status).toBe(200);
    expect(await status()).toBe('awaiting_signatures');
    expect((await act(w.t, s.mediator.token, caseId, 'confirm_agreement', sign)).status).toBe(200);
    expect(await status()).toBe('settled');
    await page.reload();
    await expect(page.locator('.stepper-step--done').count()).resolves.toBe(5);
    await checkNoScriptPage(w, page, 'case-settled');

    await page.goto(`/cases/${caseId}/agreement`);
    const sealed = await downloadFrom(page, '下载 PDF', join(w.t.config.dataDir, 'sealed.pdf'));
    await page.goto('/verify');
    await page.getByLabel('PDF 文件', { exact: true }).setInputFiles(sealed);
    await page.getByRole('button', { name: '上传并核验' }).click();
    await expect(page.locator('[data-genuine]').getAttribute('data-genuine')).resolves.toBe('true');
    await expect(page.locator('.verdict').textContent()).resolves.toContain(caseNumber);
    await checkNoScriptPage(w, page, 'verify-genuine');
  });

  it('shows a second borrower a 404 for the first one’s case; the inbox marks all read; logging out ends the session', async () => {
    const other = await w.newPage({ javaScript: false });
    await other.goto('/register');
    const stranger = borrowerRegistration();
    await fillRegistration(other, stranger);
    await other.getByRole('button', { name: '注册' }).click();
    await logInInBrowser(other, stranger.email, stranger.password);
    const res = await other.goto(`/cases/${caseId}`);
    expect(res?.status()).toBe(404);
    await expect(other.locator('body').textContent()).resolves.not.toContain(caseNumber);
    await checkNoScriptPage(w, other, 'case-404', 'error');

    await readInbox(w, page, caseId);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.goto(`/cases/${caseId}`);
    await expectDataPage(page, 'login');
  });

  it('with JavaScript, shows the proposal’s monthly amount as the borrower types', async () => {
    const js = await w.newPage();
    await signUpInBrowser(js);
    await js.goto('/apply');
    await typeLoanAndReason(js, s.lender.name, () => checkPage(js, 'apply-reason', 'apply'));
    await expect(stepOf(js)).resolves.toBe('proposal');
    const monthly = js.locator('#proposal-monthly');
    await js.getByLabel('希望分几期还款').fill('12');
    await expect(monthly.textContent()).resolves.toBe(
      '按目前尚欠金额，分 12 期，每期约 804.20 元。',
    );
    await js.getByLabel('希望分几期还款').fill('7');
    await expect(monthly.textContent()).resolves.toBe(
      '按目前尚欠金额，分 7 期，每期约 1378.62 元，最后一期 1378.68 元。',
    );
    await checkPage(js, 'apply-proposal-js', 'apply');
  });
});
