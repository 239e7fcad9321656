/**
 * The borrower's steps as a person takes them in the browser (by label, in Chinese), and the
 * people of the other roles, who act through the API as their own systems would.
 */
import type { Page } from 'playwright-core';
import { createOrganization, createStaff } from '../e2e/factories';
import type { TestApp } from '../e2e/harness';
import { checkPage, expectDataPage } from './browser';
import type { BrowserWorld } from './browser';

export async function staffWorld(t: TestApp) {
  const center = await createOrganization(t, 'mediation_center');
  const lender = await createOrganization(t, 'lender');
  const [clerk, mediator, lenderRep] = await Promise.all([
    createStaff(t, 'clerk', center.id),
    createStaff(t, 'mediator', center.id),
    createStaff(t, 'lender', lender.id),
  ]);
  return { center, lender, clerk, mediator, lenderRep };
}
export type StaffWorld = Awaited<ReturnType<typeof staffWorld>>;

/**
 * The first two steps of /apply, typed in, each saved with its button; `atReason` runs when
 * the reason step shows (to check that page as it stands).
 */
export async function typeLoanAndReason(
  page: Page,
  lenderName: string,
  atReason?: () => Promise<void>,
): Promise<void> {
  await page.getByLabel('贷款机构').selectOption({ label: lenderName });
  await page.getByLabel('借款合同编号').fill('HFQ-2025-00012345');
  await page.getByLabel('借款本金（元）').fill('12000.00');
  await page.getByLabel('目前尚欠金额（元）').fill('9650.40');
  await page.getByLabel('开始逾期的日期').fill('2026-06-15');
  await page.getByRole('button', { name: '保存并继续' }).click();
  await atReason?.();
  await page.getByLabel('逾期的主要原因').selectOption({ label: '失业' });
  await page.getByLabel('简要说明').fill('公司裁员，目前正在找工作。');
  await page.getByRole('button', { name: '保存并继续' }).click();
}

/** The first three steps of /apply, typed in, each saved with its button. */
export async function typeLoanReasonProposal(page: Page, lenderName: string): Promise<void> {
  await typeLoanAndReason(page, lenderName);
  await page.getByLabel('希望分几期还款').fill('12');
  await page
    .getByRole('group', { name: /是否申请减免/ })
    .getByLabel('是')
    .check();
  await page.getByLabel('线上调解（视频会议）').check();
  await page.getByRole('button', { name: '保存并继续' }).click();
}

/** The heading of the step the page shows (`data-step` of its form). */
export const stepOf = (page: Page) => page.locator('form[data-step]').getAttribute('data-step');

/** Waits until an instant has passed (a session's start, before the agreement is drafted). */
export async function waitUntil(iso: string): Promise<void> {
  const ms = new Date(iso).getTime() - Date.now();
  if (ms > 0) await new Promise((r) => setTimeout(r, ms + 500));
}

/** A session that starts a few seconds from now, an hour long, online. */
export function sessionSoon(seconds = 8) {
  const start = Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000;
  return {
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
    mode: 'online',
    meetingUrl: 'https://meet.example.cn/room-7',
  };
}

const checkers = new WeakMap<BrowserWorld, Page>();

/**
 * `checkPage` for a page shown without JavaScript, where axe cannot run: the very HTML it
 * shows, served at its own address to a page with scripts (same styles, same 360 px), is
 * checked and photographed instead.
 */
export async function checkNoScriptPage(
  w: BrowserWorld,
  page: Page,
  name: string,
  expectedPage?: string,
): Promise<void> {
  if (expectedPage) await expectDataPage(page, expectedPage);
  const html = await page.content();
  const url = page.url();
  let checker = checkers.get(w);
  if (!checker) {
    checker = await w.newPage();
    checkers.set(w, checker);
  }
  await checker.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await checker.goto(url);
  await checker.unroute(url);
  await checkPage(checker, name);
}

/** The inbox: what the mails said, each linked to the case, all marked read with one form. */
export async function readInbox(w: BrowserWorld, page: Page, caseId: string): Promise<void> {
  await page.goto('/notifications');
  await expect(page.getByText(/未读 \d+ 条/).isVisible()).resolves.toBe(true);
  const toCase = page.getByRole('link', { name: '查看案件' }).first();
  await expect(toCase.getAttribute('href')).resolves.toBe(`/cases/${caseId}`);
  await checkNoScriptPage(w, page, 'notifications', 'notifications');
  await page.getByRole('button', { name: '全部标记为已读' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toContain('所有通知已标记为已读');
  await expect(page.getByText(/未读 \d+ 条/).count()).resolves.toBe(0);
}

/** Clicks the link that downloads a file, and saves the file where asked; answers its path. */
export async function downloadFrom(page: Page, link: string, file: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link }).click(),
  ]);
  await download.saveAs(file);
  return file;
}
