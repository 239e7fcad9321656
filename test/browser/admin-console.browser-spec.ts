import { createOrganization, createStaff } from '../e2e/factories';
import { ADMIN } from '../e2e/harness';
import { OfficialCalendar } from '../../src/calendar/official-calendar';
import { shippedCalendarLayers } from '../../src/calendar/shipped-calendar';
import {
  BrowserWorld,
  checkPage,
  fieldError,
  logInInBrowser,
  startBrowserWorld,
  STAFF_PASSWORD,
} from './browser';

// The first year the shipped calendar lacks; the days entered are test input.
const shipped = new OfficialCalendar(shippedCalendarLayers());
let Y = 2027;
while (shipped.source(Y) !== null) Y += 1;

const apiLogin = (b: BrowserWorld, email: string, password: string) =>
  b.t.http().post('/api/v1/auth/login').send({ email, password });

describe('the admin console, in a real browser', () => {
  let b: BrowserWorld;
  beforeAll(async () => {
    b = await startBrowserWorld();
  });
  afterAll(() => b?.close());

  it('an admin deactivates a clerk and resets a mediator’s password on the accounts page', async () => {
    const center = await createOrganization(b.t, 'mediation_center');
    const clerk = await createStaff(b.t, 'clerk', center.id, '赵书记');
    const mediator = await createStaff(b.t, 'mediator', center.id, '钱调解员');
    const page = await b.newPage();
    await logInInBrowser(page, ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: '管理', exact: true }).click();
    await page.getByRole('link', { name: '工作人员账户' }).click();
    await checkPage(page, 'admin-accounts', 'admin-accounts');

    await page.getByRole('button', { name: '停用 赵书记' }).click();
    await page.getByText('账户已停用').waitFor();
    await expect(
      page.locator(`[data-account="${clerk.id}"]`).getAttribute('data-active'),
    ).resolves.toBe('false');
    expect((await apiLogin(b, clerk.email, STAFF_PASSWORD)).status).toBe(401);

    const card = page.locator(`[data-account="${mediator.id}"]`);
    await card.getByLabel('新密码').fill('short');
    await card.getByRole('button', { name: '重置 钱调解员 的密码' }).click();
    await fieldError(page, `${mediator.id}-password`).waitFor();
    await checkPage(page, 'admin-accounts-refused', 'admin-accounts');
    await page
      .locator(`[data-account="${mediator.id}"]`)
      .getByLabel('新密码')
      .fill('a-new-password-42');
    await page
      .locator(`[data-account="${mediator.id}"]`)
      .getByRole('button', { name: '重置 钱调解员 的密码' })
      .click();
    await page.getByText('密码已重置').waitFor();
    expect((await apiLogin(b, mediator.email, STAFF_PASSWORD)).status).toBe(401);
    expect((await apiLogin(b, mediator.email, 'a-new-password-42')).status).toBe(200);

    await page.goto('/admin/mail');
    await checkPage(page, 'admin-mail', 'admin-mail');
  });

  it('an admin enters a year of the official calendar, a bad date refused beside its field', async () => {
    const page = await b.newPage();
    await logInInBrowser(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin');
    await page.getByRole('link', { name: '法定节假日日历' }).click();
    await checkPage(page, 'admin-calendar', 'admin-calendar');
    const form = page.locator('form[data-action="enter-calendar-year"]');
    await form.getByLabel('年度').fill(String(Y));
    await form.getByLabel('放假日期（法定节假日）').fill(`${Y}-01-01\n${Y}-02-30`);
    await form.getByRole('button', { name: '录入该年度' }).click();
    await expect(fieldError(page, 'calendar-holidays').innerText()).resolves.toContain(
      `“${Y}-02-30”不是 YYYY-MM-DD 格式的日期`,
    );
    await checkPage(page, 'admin-calendar-refused', 'admin-calendar');
    await form.getByLabel('放假日期（法定节假日）').fill(`${Y}-01-01\n${Y}-01-02`);
    await form.getByRole('button', { name: '录入该年度' }).click();
    await page.getByText('该年度已录入').waitFor();
    await expect(page.locator(`tr[data-year="${Y}"]`).getAttribute('data-source')).resolves.toBe(
      'admin',
    );
    await checkPage(page, 'admin-calendar-entered', 'admin-calendar');
  });
});
