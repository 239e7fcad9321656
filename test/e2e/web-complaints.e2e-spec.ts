import { newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { signedIn } from './support/pages';
import { dataPage, submit } from './web-pages';

describe('web pages: a complaint from filed to answered, without JavaScript', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  it('is filed by the borrower, answered by the lender and the clerk, and read by the borrower', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    const borrower = await signedIn(t, w.borrower.email, 'borrower-password-1');
    const form = await borrower.get(`/complaints/new?caseId=${c.id}`).expect(200);
    expect(dataPage(form.text)).toBe('complaint-new');
    expect(form.text).toContain('12378');

    const empty = await submit(
      borrower,
      `/complaints/new?caseId=${c.id}`,
      '/complaints',
      { caseId: c.id },
      400,
    );
    expect(empty.text).toContain('aria-invalid="true"');
    const filed = await submit(
      borrower,
      `/complaints/new?caseId=${c.id}`,
      '/complaints',
      { caseId: c.id, category: 'harassment', description: '每天晚上十点以后打电话' },
      303,
    );
    const id = /^\/complaints\/([0-9a-f-]{36})$/.exec(filed.headers.location)![1];
    const shown = await borrower.get(`/complaints/${id}`).expect(200);
    expect(shown.text).toMatch(/TS-\d{4}-\d{6}/);
    expect(shown.text).toContain('data-status="received"');

    const clerk = await signedIn(t, w.clerk.email, 'staff-password-123');
    const queue = await clerk.get('/complaints').expect(200);
    expect(queue.text).toContain(`/complaints/${id}`);
    await submit(clerk, `/complaints/${id}`, `/complaints/${id}/take-up`, {}, 303);

    const lender = await signedIn(t, w.lenderRep.email, 'staff-password-123');
    await submit(
      lender,
      `/complaints/${id}`,
      `/complaints/${id}/answer`,
      { answer: '已要求催收员只在白天联系' },
      303,
    );

    await submit(
      clerk,
      `/complaints/${id}`,
      `/complaints/${id}/answer`,
      { answer: '中心已记录并督促贷款机构整改。' },
      303,
    );

    const read = await borrower.get(`/complaints/${id}`).expect(200);
    expect(read.text).toContain('data-status="answered"');
    expect(read.text).toContain('中心已记录并督促贷款机构整改。');
    expect(read.text).toMatch(/data-answer="lender">已要求催收员只在白天联系/);
    expect(read.text).toContain('贷款机构原话');
    const steps = [...read.text.matchAll(/data-step="(\w+)"/g)].map((m) => m[1]);
    expect(steps).toEqual(['filed', 'taken_up', 'lender_answered', 'answered']);
    expect(read.text).not.toContain('data-action="answer"');

    const stranger = await newWorld(t);
    const other = await signedIn(t, stranger.borrower.email, 'borrower-password-1');
    expect((await other.get(`/complaints/${id}`)).status).toBe(404);
  });
});
