/**
 * The shared helpers of the browser tests: launch Debian's Chromium, check a page (axe,
 * no horizontal scroll at 360 px, no CSP violation, screenshots at 360 and 1280 px), and
 * sign people up or in by typing into the pages. The roles a test does not play in the
 * browser act through the API (test/e2e/factories.ts), as they would from their systems.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../src/common/project-root';
import { borrowerRegistration, createOrganization, createStaff } from '../e2e/factories';
import { startTestApp } from '../e2e/harness';
import type { TestApp } from '../e2e/harness';

/** Debian's Chromium itself (`/usr/bin/chromium` is a shell wrapper Playwright cannot drive). */
export const CHROMIUM = '/usr/lib/chromium/chromium';
export const SCREENSHOTS = join(projectRoot(), 'out', 'screenshots');
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

export interface BrowserWorld {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  /** A fresh browser profile (cookies of its own), at phone width, zh-CN; scripts on or off. */
  newPage(options?: { locale?: string; javaScript?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** The real app on its own database, and one Chromium for the test file. */
export async function startBrowserWorld(): Promise<BrowserWorld> {
  const t = await startTestApp();
  const baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    t,
    browser,
    baseUrl,
    async newPage({ locale = 'zh-CN', javaScript = true } = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: PHONE,
        locale,
        javaScriptEnabled: javaScript,
      });
      contexts.push(context);
      const page = await context.newPage();
      watchConsole(page);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}

const consoleProblems = new WeakMap<Page, string[]>();

/** Collects what the browser complains of: CSP violations, failed scripts, errors. */
function watchConsole(page: Page): void {
  const problems: string[] = [];
  consoleProblems.set(page, problems);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
}

/** Problems other than the failed load of the page itself (a 4xx page logs its status). */
export function consoleErrors(page: Page): string[] {
  return (consoleProblems.get(page) ?? []).filter(
    (m) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m),
  );
}

/**
 * What every page must pass, checked where it stands: axe finds no serious or critical
 * violation (WCAG 2.1 A/AA rules), nothing scrolls sideways at 360 px, the browser
 * reports no CSP violation or script error; then screenshots at 360 and 1280 px.
 */
export async function checkPage(page: Page, name: string, expectedPage?: string): Promise<void> {
  if (expectedPage) {
    await expectDataPage(page, expectedPage);
  }
  const size = page.viewportSize() ?? PHONE;
  await page.setViewportSize(PHONE);
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
  // A string, as it runs in the page (this file is compiled without the DOM's types).
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);
  expect(consoleErrors(page)).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-360.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize(size);
}

export async function expectDataPage(page: Page, name: string): Promise<void> {
  await expect(page.locator('main').getAttribute('data-page')).resolves.toBe(name);
}

/** The field's error shown beside it (its `aria-describedby` error element). */
export function fieldError(page: Page, name: string) {
  return page.locator(`#f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-error`);
}

export type Registration = ReturnType<typeof borrowerRegistration>;

/**
 * Signs a borrower up on /register by typing, in Chinese labels, then in on /login (sign-up
 * answers the same for a known address, so it never signs in by itself); answers who it was.
 */
export async function signUpInBrowser(
  page: Page,
  overrides: Partial<Registration> = {},
): Promise<Registration> {
  const person = borrowerRegistration(overrides) as Registration;
  await page.goto('/register');
  await fillRegistration(page, person);
  await page.getByRole('button', { name: '注册' }).click();
  await expectDataPage(page, 'login');
  await logInInBrowser(page, person.email, person.password);
  return person;
}

export async function fillRegistration(page: Page, person: Partial<Registration>): Promise<void> {
  const labels: [keyof Registration, string][] = [
    ['name', '姓名'],
    ['email', '电子邮箱'],
    ['phone', '手机号码'],
    ['idNumber', '居民身份证号码'],
    ['password', '设置密码'],
  ];
  for (const [field, label] of labels) {
    await page.getByLabel(label).fill(String(person[field] ?? ''));
  }
}

/** Signs in on /login by typing. */
export async function logInInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

export const STAFF_PASSWORD = 'staff-password-123';

/** A staff member of the given role, created by the admin through the API, signed in here. */
export async function logInAs(
  world: BrowserWorld,
  page: Page,
  role: 'clerk' | 'mediator' | 'lender' | 'admin',
) {
  const org =
    role === 'admin'
      ? null
      : await createOrganization(world.t, role === 'lender' ? 'lender' : 'mediation_center');
  const staff = await createStaff(world.t, role, org?.id ?? null);
  await logInInBrowser(page, staff.email, STAFF_PASSWORD);
  return staff;
}
