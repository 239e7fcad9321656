import { newWorld } from './factories';
import type { World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { signedIn } from './support/pages';

const PASSWORD = 'staff-password-123';
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

describe('statistics, from the timeline', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    for (const status of [
      'settled',
      'settled',
      'unsuccessful',
      'withdrawn',
      'submitted',
      'rejected',
    ] as const) {
      await newCase(t, w, { status });
    }
  });
  afterAll(() => t.close());

  it('counts the centre’s cases per month and overall, as JSON and CSV', async () => {
    const res = await t
      .http()
      .get('/api/v1/stats')
      .set('Authorization', `Bearer ${w.clerk.token}`)
      .expect(200);
    expect(res.body.months).toEqual([
      {
        month: thisMonth(),
        filed: 6,
        accepted: 3,
        settled: 2,
        withdrawn: 1,
        lenderDeclined: 1,
        lenderNoResponse: 0,
        noAgreement: 0,
        termExpired: 0,
      },
    ]);
    expect(res.body.overall).toMatchObject({
      filed: 6,
      settled: 2,
      unsuccessful: 1,
      settlementRate: 0.667,
    });
    expect(res.body.overall.settleDaysMedian).toBeLessThan(1);
    expect(res.body.overall.answerHoursMedian).toBeLessThan(1);
    expect(res.body.byLender).toEqual([expect.objectContaining({ key: w.lender.name, filed: 6 })]);
    expect(res.body.byReason).toEqual([expect.objectContaining({ key: 'unemployment', filed: 6 })]);

    const csv = await t
      .http()
      .get('/api/v1/stats?format=csv')
      .set('Authorization', `Bearer ${w.clerk.token}`)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.trim().split('\n')).toEqual([
      'month,filed,accepted,settled,withdrawn,lenderDeclined,lenderNoResponse,noAgreement,termExpired',
      `${thisMonth()},6,3,2,1,1,0,0,0`,
    ]);
    await t
      .http()
      .get('/api/v1/stats')
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .expect(403);
  });

  it('shows the same figures on /stats, with the chart, and none of another centre', async () => {
    const clerk = await signedIn(t, w.clerk.email, PASSWORD);
    const page = (await clerk.get('/stats').expect(200)).text;
    expect(page).toContain('data-figure="filed">6<');
    expect(page).toContain('data-figure="settled">2<');
    expect(page).toContain('data-figure="rate">66.7%<');
    expect(page).toMatch(/<svg class="chart"[\s\S]*<rect [^>]*><title>\d{4}-\d{2} 申请 6<\/title>/);
    const other = await newWorld(t);
    const theirs = await signedIn(t, other.clerk.email, PASSWORD);
    expect((await theirs.get('/stats').expect(200)).text).toContain('data-figure="filed">0<');
    const mediator = await signedIn(t, w.mediator.email, PASSWORD);
    await mediator.get('/stats').expect(403);
  });
});
