import { newWorld } from './factories';
import type { World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { signedIn, textOf } from './support/pages';
import { csrfOf, dataPage, submit } from './web-pages';

const PASSWORD = 'staff-password-123';
const order = (html: string, numbers: string[]) =>
  numbers.map((n) => html.indexOf(n)).filter((i) => i >= 0);

describe('web pages: the clerk’s review queue and case review', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  it('lists what waits on review first, oldest first, and filters by lender, date and name', async () => {
    const notified = await newCase(t, w, { status: 'lender_notified' });
    const first = await newCase(t, w, { status: 'submitted' });
    const asked = await newCase(t, w, { status: 'needs_info' });
    const last = await newCase(t, w, { status: 'submitted' });
    const clerk = await signedIn(t, w.clerk.email, PASSWORD);

    const queue = await clerk.get('/cases').expect(200);
    const positions = order(queue.text, [
      first.caseNumber,
      asked.caseNumber,
      last.caseNumber,
      notified.caseNumber,
    ]);
    expect(positions).toHaveLength(4);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(queue.text).toContain(w.borrower.name);

    const newest = await clerk.get('/cases?order=newest').expect(200);
    expect(newest.text.indexOf(last.caseNumber)).toBeLessThan(
      newest.text.indexOf(first.caseNumber),
    );

    const byNumber = await clerk.get(`/cases?q=${asked.caseNumber}`).expect(200);
    expect(byNumber.text).toContain(asked.caseNumber);
    expect(byNumber.text).not.toContain(first.caseNumber);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const other = await clerk.get(`/cases?lenderOrganizationId=${w.center.id}`).expect(200);
    expect(other.text).toContain('class="empty"');
    const sameLender = await clerk
      .get(`/cases?lenderOrganizationId=${w.lender.id}&filedFrom=${today}&filedTo=${today}`)
      .expect(200);
    expect(sameLender.text).toContain(first.caseNumber);
    const tomorrow = await clerk.get(`/cases?filedFrom=2099-01-01`).expect(200);
    expect(tomorrow.text).not.toContain(first.caseNumber);

    const bad = await clerk.get('/cases?filedFrom=2026-02-30').expect(400);
    expect(textOf(bad.text, 'f-filedFrom-error')).toContain('日期');
  });

  it('takes a submitted case to accepted in three screens: queue, case, accept', async () => {
    const c = await newCase(t, w, { status: 'submitted' });
    const busy = await newCase(t, w, { status: 'lender_notified' });
    expect(busy.mediator?.id).toBe(w.mediator.id);
    const clerk = await signedIn(t, w.clerk.email, PASSWORD);

    const queue = await clerk.get('/cases').expect(200); // screen 1
    expect(queue.text).toContain(`href="/cases/${c.id}"`);
    const page = await clerk.get(`/cases/${c.id}`).expect(200); // screen 2
    expect(page.text).toContain('data-action="accept"');
    expect(page.text).toContain('data-action="reject"');
    expect(page.text).toContain('data-action="request_info"');
    // The mediator with the cases they hold and their next free hour.
    const mediator = new RegExp(`value="${w.mediator.id}"[\\s\\S]*?data-open-cases="(\\d+)"`);
    expect(Number(mediator.exec(page.text)?.[1])).toBeGreaterThanOrEqual(1);
    expect(page.text).toMatch(/最近空闲：\s*<time datetime="[^"]+\+08:00">/);

    // Without a mediator: the field's error, and nothing changes.
    const refused = await clerk
      .post(`/cases/${c.id}/actions/accept`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(400);
    expect(textOf(refused.text, 'f-accept-mediatorId-error')).toBeTruthy();
    const still = await t.dataSource.query('SELECT status FROM cases WHERE id = $1', [c.id]);
    expect(still[0].status).toBe('submitted');

    const done = await clerk
      .post(`/cases/${c.id}/actions/accept`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), mediatorId: w.mediator.id })
      .expect(303); // screen 3: the case, accepted
    expect(done.headers.location).toBe(`/cases/${c.id}`);
    const after = await clerk.get(`/cases/${c.id}`).expect(200);
    expect(after.text).toContain('data-status="lender_notified"');
    expect(after.text).toContain('已受理并指派调解员');
  });

  it('asks for information with a message, and rejects only with a reason', async () => {
    const c = await newCase(t, w, { status: 'submitted' });
    const clerk = await signedIn(t, w.clerk.email, PASSWORD);
    const empty = await submit(clerk, `/cases/${c.id}`, `/cases/${c.id}/actions/reject`, {}, 400);
    expect(textOf(empty.text, 'f-reject-reason-error')).toBeTruthy();
    await submit(
      clerk,
      `/cases/${c.id}`,
      `/cases/${c.id}/actions/request_info`,
      { message: '请补充近三个月的收入证明' },
      303,
    );
    const events = await t.dataSource.query(
      `SELECT action, input FROM case_events WHERE case_id = $1 ORDER BY created_at`,
      [c.id],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual(['file', 'request_info']);
    expect(events[1].input.message).toBe('请补充近三个月的收入证明');
    const page = await clerk.get(`/cases/${c.id}`).expect(200);
    expect(page.text).not.toContain('data-action="accept"');
  });

  it('answers the same workload to the API, and only to clerks', async () => {
    const res = await t
      .http()
      .get('/api/v1/mediators/workload')
      .set('Authorization', `Bearer ${w.clerk.token}`)
      .expect(200);
    const me = res.body.find((m: { id: string }) => m.id === w.mediator.id);
    expect(me.openCases).toBeGreaterThanOrEqual(1);
    expect(me.nextFreeSlot).toMatch(/T\d{2}:00:00\+08:00$/);
    await t
      .http()
      .get('/api/v1/mediators/workload')
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .expect(403);
    const lender = await signedIn(t, w.lenderRep.email, PASSWORD);
    expect(dataPage((await lender.get('/print').expect(403)).text)).toBe('error');
  });
});
