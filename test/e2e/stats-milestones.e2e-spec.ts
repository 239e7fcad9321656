import { act, newWorld } from './factories';
import type { World } from './factories';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { newCase } from './new-case';

const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * The statistics count each step in the Beijing month it happened, from the milestones the
 * transition writes on the case's row: here the steps of one case fall in different months.
 */
describe('statistics across months, from the milestones on the row', () => {
  let t: TestApp;
  let w: World;
  const clock = new MovableClock();
  beforeAll(async () => {
    t = await startTestApp({ STATS_REFRESH_SECONDS: '0', STATS_MAX_AGE_SECONDS: '0' }, { clock });
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  it('counts filing, acceptance and ending each in its own month, at the instants of the timeline', async () => {
    // 23:30 on 31 October in Beijing is 15:30 UTC: still October there.
    clock.setTo('2026-10-31T23:30:00+08:00');
    const declined = await newCase(t, w, { status: 'lender_notified' });
    const withdrawn = await newCase(t, w, { status: 'submitted' });
    clock.setTo('2026-11-02T09:30:00+08:00');
    expect(
      (await act(t, w.lenderRep.token, declined.id, 'lender_decline', { reason: '不符合条件' }))
        .status,
    ).toBe(200);
    expect(
      (await act(t, w.borrower.token, withdrawn.id, 'withdraw', { reason: '已自行协商' })).status,
    ).toBe(200);
    await newCase(t, w, { status: 'rejected' });
    // A session is booked in real time: the settled case is filed and settled now.
    clock.setTo(new Date());
    await newCase(t, w, { status: 'settled' });

    const res = await t
      .http()
      .get('/api/v1/stats')
      .set('Authorization', `Bearer ${w.clerk.token}`)
      .expect(200);
    const zero = {
      filed: 0,
      accepted: 0,
      settled: 0,
      withdrawn: 0,
      lenderDeclined: 0,
      lenderNoResponse: 0,
      noAgreement: 0,
      termExpired: 0,
    };
    expect(res.body.months).toEqual([
      { ...zero, month: '2026-10', filed: 2, accepted: 1 },
      { ...zero, month: '2026-11', filed: 1, withdrawn: 1, lenderDeclined: 1 },
      { ...zero, month: thisMonth(), filed: 1, accepted: 1, settled: 1 },
    ]);
    expect(res.body.overall).toMatchObject({ filed: 4, settled: 1, unsuccessful: 1 });
    // Two lenders' answers: one at once (the settled case), one some 34 hours later.
    expect(res.body.overall.answerHoursMedian).toBeGreaterThan(16);
    expect(res.body.overall.answerHoursMedian).toBeLessThan(18);

    // Each case's row holds the instants its timeline records, and only those.
    const disagree: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM cases c
        CROSS JOIN LATERAL (
          SELECT min(created_at) FILTER (WHERE action IN ('lender_accept', 'lender_decline')) AS answered,
                 min(created_at) FILTER (WHERE to_status IN ('settled', 'rejected', 'withdrawn', 'unsuccessful')) AS closed
            FROM case_events e WHERE e.case_id = c.id) t
        WHERE c.lender_answered_at IS DISTINCT FROM t.answered OR c.closed_at IS DISTINCT FROM t.closed`,
    );
    expect(disagree[0].n).toBe(0);
    const closed: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM cases WHERE closed_at IS NOT NULL`,
    );
    expect(closed[0].n).toBe(4);
  });

  it('refuses a terminal case without the instant it ended', async () => {
    await expect(
      t.dataSource.query(
        `UPDATE cases SET closed_at = NULL WHERE id = (SELECT id FROM cases WHERE status = 'settled' LIMIT 1)`,
      ),
    ).rejects.toThrow(/cases_closed_at_check/);
  });
});
