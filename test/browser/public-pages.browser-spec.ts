import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BrowserWorld,
  checkPage,
  expectDataPage,
  fieldError,
  fillRegistration,
  logInAs,
  logInInBrowser,
  startBrowserWorld,
} from './browser';
import { borrowerRegistration } from '../e2e/factories';

/** Han characters: none may remain on a page shown in English but the switch back to 中文. */
const HAN = /\p{Script=Han}/u;

describe('public pages, in a real browser', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await startBrowserWorld();
  });
  afterAll(() => w?.close());

  it('explains mediation on the home page, and the language switch changes every text', async () => {
    const page = await w.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toBeDefined();
    await expectDataPage(page, 'home');
    await expect(page.locator('h1').textContent()).resolves.toContain('诉前调解');
    await expect(page.getByRole('heading', { name: '我们绝不会这样做' }).isVisible()).resolves.toBe(
      true,
    );
    await checkPage(page, 'home');

    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toContain('free mediation');
    const texts = await page.locator('body').innerText();
    const han = texts.split('\n').filter((line) => HAN.test(line) && line.trim() !== '中文');
    expect(han).toEqual([]);
    await checkPage(page, 'home-en');

    // Remembered: the next page is English too, until switched back.
    await page.getByRole('link', { name: 'Sign in' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign in');
    await page.getByRole('link', { name: '中文' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('登录');
  });

  it('signs up: a bad resident ID and a missing name are shown beside their fields, the typed values kept', async () => {
    const page = await w.newPage();
    await page.goto('/register');
    await expectDataPage(page, 'register');
    await expect(page.getByText('个人信息处理告知书（版本').isVisible()).resolves.toBe(true);
    await checkPage(page, 'register');

    const person = borrowerRegistration({ idNumber: '110105194912310021' });
    await fillRegistration(page, { ...person, name: '' });
    await page.getByRole('button', { name: '注册' }).click();

    await expectDataPage(page, 'register');
    await expect(fieldError(page, 'idNumber').textContent()).resolves.toContain(
      '18 位居民身份证号码',
    );
    await expect(fieldError(page, 'name').textContent()).resolves.toContain('请填写此项');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('2 处需要修改');
    await expect(page.getByLabel('电子邮箱').inputValue()).resolves.toBe(person.email);
    await expect(page.getByLabel('手机号码').inputValue()).resolves.toBe(person.phone);
    await expect(page.getByLabel('居民身份证号码').inputValue()).resolves.toBe(person.idNumber);
    await expect(page.getByLabel('居民身份证号码').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await checkPage(page, 'register-errors');

    const good = borrowerRegistration();
    await page.getByLabel('姓名').fill(good.name);
    await page.getByLabel('居民身份证号码').fill(good.idNumber);
    await page.getByLabel('设置密码').fill(person.password);
    await page.getByRole('button', { name: '注册' }).click();

    // Sign-up answers alike for a known address, so it never signs in by itself.
    await expectDataPage(page, 'login');
    await expect(page.getByRole('status').textContent()).resolves.toContain('注册申请已收到');
    await checkPage(page, 'login-registered');
    await logInInBrowser(page, person.email, person.password);
    await expectDataPage(page, 'cases');
    await expect(page.getByText(`已登录：${good.name}（申请人）`).isVisible()).resolves.toBe(true);
    await checkPage(page, 'cases');
  });

  it('logs out, and the old session cookie then gets the login page', async () => {
    const page = await w.newPage();
    await page.goto('/register');
    const person = borrowerRegistration();
    await fillRegistration(page, person);
    await page.getByRole('button', { name: '注册' }).click();
    await logInInBrowser(page, person.email, person.password);
    await expectDataPage(page, 'cases');
    const before = await page.context().cookies();

    await page.getByRole('button', { name: '退出登录' }).click();
    await expectDataPage(page, 'home');
    await expect(page.getByRole('status').textContent()).resolves.toContain('您已退出登录');

    // The same browser, handed back the cookie it had before logging out.
    await page.context().addCookies(before.filter((c) => c.name === 'mediation_session'));
    await page.goto('/cases');
    await expectDataPage(page, 'login');
    await checkPage(page, 'login');
  });

  it('logs staff in to their case list, and shows their inbox', async () => {
    const page = await w.newPage();
    await logInAs(w, page, 'clerk');
    await expectDataPage(page, 'cases');
    await expect(page.getByRole('button', { name: '筛选' }).isVisible()).resolves.toBe(true);
    await checkPage(page, 'cases-clerk');
    await page.getByRole('link', { name: '通知', exact: true }).click();
    await checkPage(page, 'notifications', 'notifications');
  });

  it('refuses a form posted without its CSRF token', async () => {
    const page = await w.newPage();
    const staff = await logInAs(w, page, 'admin');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.goto('/login');
    // A forged form: the same fields, no token.
    await page
      .locator('form[data-action="login"] input[name="_csrf"]')
      .evaluate((el) => el.remove());
    await page.getByLabel('电子邮箱').fill(staff.email);
    await page.getByLabel('密码').fill('staff-password-123');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expectDataPage(page, 'error');
    await expect(page.locator('h1').textContent()).resolves.toBe('表单已失效');
    await checkPage(page, 'error-403');
    await page.goto('/cases');
    await expectDataPage(page, 'login');
  });

  it('says a made-up verification code, or a made-up PDF, is not genuine', async () => {
    const page = await w.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: '核验文书' }).first().click();
    await expectDataPage(page, 'verify');
    await checkPage(page, 'verify');
    await page.getByRole('textbox', { name: /^核验码/ }).fill('ABCD-EFGH-JKLM');
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await expect(page.locator('[data-genuine]').getAttribute('data-genuine')).resolves.toBe(
      'false',
    );
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      '这不是本中心出具的文书',
    );
    await expect(page.getByRole('textbox', { name: /^核验码/ }).inputValue()).resolves.toBe(
      'ABCD-EFGH-JKLM',
    );
    await checkPage(page, 'verify-not-genuine');

    const file = join(w.t.config.dataDir, 'notice.pdf');
    writeFileSync(file, '%PDF-1.7\n% a notice someone made up\n');
    await page.getByLabel('PDF 文件', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: '上传并核验' }).click();
    await expect(page.locator('[data-genuine]').getAttribute('data-genuine')).resolves.toBe(
      'false',
    );
    await expect(page.getByText('与本中心盖章的任何协议书都不一致').isVisible()).resolves.toBe(
      true,
    );
  });

  it('answers an unknown page with the 404 page, and the API docs still work under their CSP', async () => {
    const page = await w.newPage();
    const res = await page.goto('/no-such-page');
    expect(res?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('页面不存在');
    await checkPage(page, 'error-404');

    const docs = await w.newPage();
    await docs.goto('/docs');
    await docs.locator('.swagger-ui .info .title').waitFor();
    await expect(docs.locator('.swagger-ui .info .title').textContent()).resolves.toContain(
      'Mediation case service',
    );
  });
});
