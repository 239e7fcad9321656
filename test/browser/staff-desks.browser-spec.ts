import { DateTime } from 'luxon';
import { act, debtStatement, login, newWorld, randomEmail } from '../e2e/factories';
import { ADMIN } from '../e2e/harness';
import type { World } from '../e2e/factories';
import { newCase } from '../e2e/new-case';
import { startSession } from '../e2e/support/session-started';
import {
  BrowserWorld,
  checkPage,
  expectDataPage,
  logInInBrowser,
  startBrowserWorld,
  STAFF_PASSWORD,
} from './browser';

const dayIn = (days: number) => DateTime.now().setZone('Asia/Shanghai').plus({ days }).toISODate()!;

describe('the staff desks, in a real browser', () => {
  let b: BrowserWorld;
  let w: World;
  beforeAll(async () => {
    b = await startBrowserWorld();
    w = await newWorld(b.t);
  });
  afterAll(() => b?.close());

  it('a clerk accepts a submitted case from the queue, choosing the mediator from the list', async () => {
    const c = await newCase(b.t, w, { status: 'submitted' });
    const page = await b.newPage();
    await logInInBrowser(page, w.clerk.email, STAFF_PASSWORD);
    await page.goto('/cases');
    await checkPage(page, 'staff-clerk-queue', 'cases');
    await page.getByRole('link', { name: c.caseNumber }).click();
    await checkPage(page, 'staff-clerk-case', 'case');
    // Accept without choosing: refused beside the choice.
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expect(page.locator('#f-accept-mediatorId-error').isVisible()).resolves.toBe(true);
    await checkPage(page, 'staff-clerk-accept-refused', 'case');
    await page.getByLabel(w.mediator.name).check();
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expect(page.locator('[data-status]').first().getAttribute('data-status')).resolves.toBe(
      'lender_notified',
    );
    await expect(page.getByText('已受理并指派调解员').isVisible()).resolves.toBe(true);
  });

  it('a clerk prints a sealed agreement, and the desk records who printed it', async () => {
    const c = await newCase(b.t, w, { status: 'settled' });
    const page = await b.newPage();
    await logInInBrowser(page, w.clerk.email, STAFF_PASSWORD);
    await page.getByRole('link', { name: '打印' }).click();
    await checkPage(page, 'staff-print-desk', 'print');
    const open = page.getByRole('link', { name: `打开并打印 ${c.caseNumber} 的协议` });
    const href = await open.getAttribute('href');
    // The PDF as the browser fetches it for this clerk (the same request the link makes).
    const pdf = await page.request.get(href!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.reload();
    await expect(open.count()).resolves.toBe(0);
    const row = page.locator('table[data-list="printed"] tr', { hasText: c.caseNumber });
    await expect(row.innerText()).resolves.toContain(w.clerk.name);
    await checkPage(page, 'staff-print-desk-printed', 'print');
  });

  it('a mediator sees a taken slot named and refused, books a free one, drafts with the live preview', async () => {
    const day = dayIn(14);
    const taken = await newCase(b.t, w, {
      status: 'session_scheduled',
      session: { startsAt: `${day}T10:00:00+08:00`, endsAt: `${day}T11:00:00+08:00` },
    });
    const c = await newCase(b.t, w, { status: 'awaiting_session' });
    const page = await b.newPage();
    await logInInBrowser(page, w.mediator.email, STAFF_PASSWORD);
    await page.goto(`/calendar?week=${day}`);
    await checkPage(page, 'staff-mediator-calendar', 'calendar');
    await expect(page.getByRole('link', { name: taken.caseNumber }).isVisible()).resolves.toBe(
      true,
    );

    await page.goto(`/cases/${c.id}`);
    const form = page.locator('form[data-action="schedule_session"]');
    await form.getByLabel('开始时间').fill(`${day}T10:30`);
    await form.getByLabel('结束时间').fill(`${day}T11:30`);
    await form.getByLabel('线上（视频会议）').check();
    await form.getByLabel('会议链接').fill('https://meet.example.cn/r/2');
    const said = form.locator('[data-slot-check-result]');
    await expect(said.filter({ hasText: taken.caseNumber }).waitFor()).resolves.toBeUndefined();
    await checkPage(page, 'staff-mediator-conflict', 'case');
    await form.getByRole('button', { name: '安排会议' }).click();
    await expect(page.getByRole('alert').first().isVisible()).resolves.toBe(true);

    const again = page.locator('form[data-action="schedule_session"]');
    await again.getByLabel('开始时间').fill(`${day}T14:00`);
    await again.getByLabel('结束时间').fill(`${day}T15:00`);
    await again.getByLabel('线上（视频会议）').check();
    await again.getByLabel('会议链接').fill('https://meet.example.cn/r/2');
    await again.getByRole('button', { name: '安排会议' }).click();
    await expect(page.getByText('调解会议已安排').first().isVisible()).resolves.toBe(true);

    // The session is held (its start moved into the past): now the mediator drafts.
    await startSession(b.t, c.id);
    await page.reload();
    const draft = page.locator('form[data-action="draft_agreement"]');
    await draft.getByLabel('和解金额（元）').fill('8000.00');
    await draft.getByLabel('分期期数').fill('7');
    await draft.getByLabel('首期还款日').fill(dayIn(40));
    await draft.getByLabel('减免金额（元）').fill('1650.40');
    const total = draft.locator('[data-preview-total]');
    await total.filter({ hasText: '合计 ¥8000.00' }).waitFor();
    await expect(draft.locator('tbody tr').last().innerText()).resolves.toContain('1142.90');
    await checkPage(page, 'staff-mediator-preview', 'case');
    await draft.getByLabel('收款户名').fill('好分期金融服务有限公司');
    await draft.getByLabel('开户银行').fill('中国工商银行上海市分行营业部');
    await draft.getByLabel('收款账号').fill('1001 2345 6789 0123 456');
    await draft.getByRole('button', { name: '生成协议草稿' }).click();
    await expect(page.getByText('协议草稿已生成').first().isVisible()).resolves.toBe(true);

    // Both parties sign (through the API); the mediator confirms and the centre seals.
    const agreement = await b.t
      .http()
      .get(`/api/v1/cases/${c.id}/agreement`)
      .set('Authorization', `Bearer ${w.mediator.token}`)
      .expect(200);
    const sign = { version: agreement.body.version, sha256: agreement.body.sha256 };
    expect((await act(b.t, w.borrower.token, c.id, 'sign_agreement', sign)).status).toBe(200);
    expect((await act(b.t, w.lenderRep.token, c.id, 'sign_agreement', sign)).status).toBe(200);
    await page.reload();
    await expectDataPage(page, 'case');
    const confirm = page.locator('form[data-action="confirm_agreement"]');
    await checkPage(page, 'staff-mediator-confirm', 'case');
    await confirm.getByLabel('我已核对双方签署的是这一版本，确认协议并加盖本中心印章').check();
    await confirm.getByRole('button', { name: '确认并盖章' }).click();
    await expect(page.locator('[data-status]').first().getAttribute('data-status')).resolves.toBe(
      'settled',
    );
    await expect(
      page.locator('[data-agreement-status]').getAttribute('data-agreement-status'),
    ).resolves.toBe('sealed');
  });

  it('a lender answers through the page, seeing the applicant masked', async () => {
    const c = await newCase(b.t, w, { status: 'lender_notified' });
    const page = await b.newPage();
    await logInInBrowser(page, w.lenderRep.email, STAFF_PASSWORD);
    await page.goto('/cases');
    await checkPage(page, 'staff-lender-queue', 'cases');
    await page.getByRole('link', { name: c.caseNumber }).click();
    await expect(page.locator('body').innerText()).resolves.not.toContain(w.borrower.phone);
    await checkPage(page, 'staff-lender-case', 'case');
    const form = page.locator('form[data-action="lender_accept"]');
    const debt = debtStatement();
    await form.getByLabel('截至日期').fill(debt.asOf);
    await form.getByLabel('本金（元）').fill(debt.principal);
    await form.getByLabel('利息（元）').fill(debt.interest);
    await form.getByLabel('罚息（元）').fill(debt.penaltyInterest);
    await form.getByLabel('滞纳金及其他费用（元）').fill(debt.fees);
    await form.getByLabel('和解金额（元）').fill('8800.00');
    await form.getByLabel('分期期数').fill('6');
    await form.getByLabel('减免金额（元）').fill('850.40');
    await form.getByRole('button', { name: '同意调解' }).click();
    await expect(page.locator('[data-status]').first().getAttribute('data-status')).resolves.toBe(
      'awaiting_session',
    );
  });

  it('an admin creates a clerk and revokes a lender’s API key', async () => {
    const page = await b.newPage();
    await logInInBrowser(page, ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: '管理' }).click();
    await checkPage(page, 'staff-admin', 'admin');
    const form = page.locator('form[data-action="create-staff"]');
    const email = randomEmail('clerk');
    await form.getByLabel('角色').selectOption('clerk');
    await form.getByLabel('姓名').fill('李书记');
    await form.getByLabel('电子邮箱').fill(email);
    await form.getByLabel('初始密码').fill('clerk-password-123');
    await form.getByLabel('所属机构').selectOption(w.center.id);
    await form.getByRole('button', { name: '创建账户' }).click();
    await expect(page.getByText('账户已创建').isVisible()).resolves.toBe(true);
    expect(await login(b.t, email, 'clerk-password-123')).toBeTruthy();

    await page.getByRole('link', { name: w.lender.name }).click();
    await page.getByLabel('密钥名称').fill('core-banking');
    await page.getByLabel('代理人姓名').fill('王芳');
    await page.getByLabel('代理人职务或身份').fill('法务部经理');
    await page.getByRole('button', { name: '签发密钥' }).click();
    const key = await page.locator('code.secret').innerText();
    await checkPage(page, 'staff-admin-key-shown', 'admin-organization');
    await expect(page.locator('table[data-list="api-keys"]').innerText()).resolves.toContain(
      '王芳（法务部经理）',
    );
    await b.t.http().get('/api/v1/cases').set('X-API-Key', key).expect(200);
    await page.getByRole('button', { name: '吊销密钥 core-banking' }).click();
    await expect(page.getByText('密钥已吊销').isVisible()).resolves.toBe(true);
    await b.t.http().get('/api/v1/cases').set('X-API-Key', key).expect(401);
    await checkPage(page, 'staff-admin-key-revoked', 'admin-organization');
  });
});
