import { createStaff, fileCase, newWorld } from './factories';
import type { World } from './factories';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { signedIn } from './support/pages';
import { JobsService } from '../../src/jobs/jobs.service';
import { StatsRepository } from '../../src/stats/stats.repository';
import { STATS_REFRESH_TASK, StatsService } from '../../src/stats/stats.service';

const SECOND = 1000;
// The defaults: a snapshot is answered as it is for a minute, with a refresh queued for a
// quarter of an hour, and computed before answering after that.
const AGES = { STATS_REFRESH_SECONDS: '60', STATS_MAX_AGE_SECONDS: '900', RUN_WORKER: 'false' };

/*
 * Issue 14: the figures of `/stats` and `GET /api/v1/stats` are kept per scope (a centre's
 * clerks, the admins) and answered from there, `asOf` saying when they were computed.
 */
describe('statistics from a snapshot per scope', () => {
  const clock = new MovableClock();
  let t: TestApp;
  // A second instance on the same database; closed last (closing an app mid-file disconnects
  // the first one's requests).
  let other: TestApp | undefined;
  let worker: TestApp | undefined;
  beforeAll(async () => {
    t = await startTestApp(AGES, { clock });
  });
  afterAll(async () => {
    await other?.close();
    await worker?.close();
    await t.close();
  });

  const stats = async (token: string, app = t) => {
    const res = await app
      .http()
      .get('/api/v1/stats')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.headers['last-modified']).toBe(new Date(res.body.asOf).toUTCString());
    return res.body as { asOf: string; overall: { filed: number }; months: { filed: number }[] };
  };
  const refreshJobs = async () =>
    (await t.dataSource.query(
      `SELECT j.key, j.payload FROM graphile_worker._private_jobs j
         JOIN graphile_worker._private_tasks k ON k.id = j.task_id
        WHERE k.identifier = $1 ORDER BY j.key`,
      [STATS_REFRESH_TASK],
    )) as { key: string; payload: { scope: string } }[];

  it('answers the kept figures, then queues a refresh, then computes before answering', async () => {
    const w = await newWorld(t);
    await fileCase(t, w);
    const first = await stats(w.clerk.token);
    expect(first.overall.filed).toBe(1);
    expect(Date.parse(first.asOf)).toBeLessThanOrEqual(clock.now().getTime());

    // Within STATS_REFRESH_SECONDS: the same figures, a case filed since not yet in them.
    await fileCase(t, w);
    clock.advance(59 * SECOND);
    const kept = await stats(w.clerk.token);
    expect(kept).toEqual(first);
    expect(await refreshJobs()).toEqual([]);
    const clerk = await signedIn(t, w.clerk.email, 'staff-password-123');
    const page = (await clerk.get('/stats').expect(200)).text;
    expect(page).toContain('data-figure="filed">1<');
    expect(page).toContain(`截至 <time datetime="${first.asOf}" data-stats-as-of>`);
    const csv = await t
      .http()
      .get('/api/v1/stats?format=csv')
      .set('Authorization', `Bearer ${w.clerk.token}`)
      .expect(200);
    expect(csv.headers['last-modified']).toBe(new Date(first.asOf).toUTCString());
    expect(csv.text.split('\n')[1]).toMatch(/^\d{4}-\d\d,1,/);

    // Past it: still the same figures, answered at once, and one refresh job for the centre.
    clock.advance(2 * SECOND);
    expect(await stats(w.clerk.token)).toEqual(first);
    expect(await stats(w.clerk.token)).toEqual(first);
    const jobs = await refreshJobs();
    expect(jobs).toEqual([
      { key: `stats:centre:${w.center.id}`, payload: { scope: `centre:${w.center.id}` } },
    ]);

    // The job (what the worker runs) computes them; run again at once, it computes nothing.
    const service = t.app.get(StatsService);
    expect(await service.refresh(jobs[0].payload.scope)).toBe(true);
    expect(await service.refresh(jobs[0].payload.scope)).toBe(false);
    await t.app.get(JobsService).removeByKey(t.dataSource.manager, jobs[0].key);
    const refreshed = await stats(w.clerk.token);
    expect(refreshed.overall.filed).toBe(2);
    expect(Date.parse(refreshed.asOf)).toBeGreaterThan(Date.parse(first.asOf));

    // Past STATS_MAX_AGE_SECONDS: computed before answering, the new case in it.
    await fileCase(t, w);
    clock.advance(901 * SECOND);
    const late = await stats(w.clerk.token);
    expect(late.overall.filed).toBe(3);
    expect(Date.parse(late.asOf)).toBeGreaterThan(Date.parse(refreshed.asOf) + 900 * SECOND);
    expect(Date.parse(late.asOf)).toBeLessThanOrEqual(clock.now().getTime());
    expect(await refreshJobs()).toEqual([]);
  });

  /** Counts the computations of an instance, each made to take half a second. */
  const slowed = (app: TestApp) => {
    const repo = app.app.get(StatsRepository);
    const months = repo.months.bind(repo);
    return jest.spyOn(repo, 'months').mockImplementation(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return months(...args);
    });
  };

  it('computes once for many first requests at once, across two instances', async () => {
    const w = await newWorld(t);
    await fileCase(t, w);
    await fileCase(t, w);
    other = await startTestApp(AGES, { clock, databaseUrl: t.databaseUrl });
    const second = other;
    try {
      // Slowed down, so that every request arrives while the first computation runs.
      const [here, there] = [slowed(t), slowed(second)];
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) => stats(w.clerk.token, i % 2 ? second : t)),
      );
      expect(here.mock.calls.length + there.mock.calls.length).toBe(1);
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(answers[0].overall.filed).toBe(2);
      const rows: { n: number }[] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM stats_snapshots WHERE scope = $1',
        [`centre:${w.center.id}`],
      );
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('is refreshed by the worker of any instance', async () => {
    worker = await startTestApp(
      { ...AGES, RUN_WORKER: 'true' },
      { clock, databaseUrl: t.databaseUrl },
    );
    const w = await newWorld(t);
    await fileCase(t, w);
    const first = await stats(w.clerk.token);
    await fileCase(t, w);
    clock.advance(61 * SECOND);
    expect(await stats(w.clerk.token)).toEqual(first);
    let seen = first;
    for (let i = 0; i < 100 && seen.overall.filed === 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await stats(w.clerk.token);
    }
    expect(seen.overall.filed).toBe(2);
    expect(Date.parse(seen.asOf)).toBeGreaterThan(Date.parse(first.asOf));
  });

  describe('a centre’s snapshot', () => {
    let a: World;
    let b: World;
    beforeAll(async () => {
      [a, b] = [await newWorld(t), await newWorld(t)];
      await fileCase(t, a);
      for (let i = 0; i < 3; i++) await fileCase(t, b);
    });

    it('is answered to its own clerks only; an admin has every case', async () => {
      const clerkB2 = await createStaff(t, 'clerk', b.center.id);
      expect((await stats(a.clerk.token)).overall.filed).toBe(1);
      expect((await stats(b.clerk.token)).overall.filed).toBe(3);
      // B's second clerk shares B's snapshot; A's clerk, asking again, still gets A's.
      expect(await stats(clerkB2.token)).toEqual(await stats(b.clerk.token));
      expect((await stats(a.clerk.token)).overall.filed).toBe(1);
      const admin = await createStaff(t, 'admin', null);
      expect((await stats(admin.token)).overall.filed).toBeGreaterThanOrEqual(4 + 3);
      const scopes: { scope: string }[] = await t.dataSource.query(
        'SELECT scope FROM stats_snapshots WHERE scope = ANY($1) ORDER BY scope',
        [['all', `centre:${a.center.id}`, `centre:${b.center.id}`]],
      );
      expect(scopes.map((s) => s.scope).sort()).toEqual(
        ['all', `centre:${a.center.id}`, `centre:${b.center.id}`].sort(),
      );
    });

    it('is refused to the other roles, on the API and the page', async () => {
      await stats(b.clerk.token);
      for (const token of [b.mediator.token, b.lenderRep.token, b.borrower.token]) {
        await t.http().get('/api/v1/stats').set('Authorization', `Bearer ${token}`).expect(403);
      }
      const mediator = await signedIn(t, b.mediator.email, 'staff-password-123');
      const page = await mediator.get('/stats');
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.text).not.toContain('data-figure="filed"');
    });

    it('is computed by a job only for a scope it names exactly', async () => {
      const service = t.app.get(StatsService);
      const before: unknown[] = await t.dataSource.query(
        'SELECT scope, computed_at FROM stats_snapshots ORDER BY scope',
      );
      for (const forged of [
        `centre:${a.center.id.toUpperCase()}`,
        `centre:${a.center.id}' OR TRUE --`,
        `user:${a.clerk.id}`,
        { scope: 'all' },
        undefined,
      ]) {
        expect(await service.refresh(forged)).toBe(false);
      }
      expect(
        await t.dataSource.query('SELECT scope, computed_at FROM stats_snapshots ORDER BY scope'),
      ).toEqual(before);
    });
  });
});
