import { yearsInUse } from '../../src/calendar/calendar-coverage';
import { DataSource } from 'typeorm';
import { CalendarService, REVISION_TRUST_MS } from '../../src/calendar/calendar.service';
import { describeDeadline } from '../../src/calendar/deadline-wording';
import { OfficialCalendar } from '../../src/calendar/official-calendar';
import { shippedCalendarLayers } from '../../src/calendar/shipped-calendar';
import { adminToken, createOrganization, createStaff } from './factories';
import { startTestApp, TestApp } from './harness';

// The first year after 2026 that the shipped calendar lacks: 2027 as long as chinese-days has
// not published it. The days entered for it below are test input, not the official schedule.
const shipped = new OfficialCalendar(shippedCalendarLayers());
let missingYear = 2027;
while (shipped.source(missingYear) !== null) missingYear += 1;
const Y = missingYear;
const tenWorkingDays = { unit: 'working_days' as const, length: 10 };
const start = new Date(`${Y}-03-01T10:00:00+08:00`);

describe('the official calendar, entered by an admin', () => {
  let t: TestApp;
  // A second instance on the same database. Passport's strategies are process-wide, so it stays
  // open until the end rather than leave t's requests to a closed instance's strategy.
  let other: TestApp;
  let admin: string;
  let clerk: string;
  const storedYears = async () =>
    (await t.dataSource.query('SELECT year FROM calendar_years ORDER BY year')).map(
      (r: { year: number }) => r.year,
    );
  const put = (year: number | string, body: object, token = admin) =>
    t
      .http()
      .put(`/api/v1/admin/calendar/${year}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  const get = (path: string, token = admin) =>
    t.http().get(`/api/v1/admin/calendar${path}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startTestApp();
    other = await startTestApp({}, { databaseUrl: t.databaseUrl });
    admin = await adminToken(t);
    const center = await createOrganization(t, 'mediation_center');
    clerk = (await createStaff(t, 'clerk', center.id)).token;
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('shows the packaged years and warns about this year or the next when it has no data', async () => {
    const res = await get('').expect(200);
    expect(res.body.packageVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(res.body.years).toContainEqual({ year: 2026, source: 'package' });
    const lacking = yearsInUse(new Date()).filter((y) => shipped.source(y) === null);
    expect(res.body.warnings.map((w: { year: number }) => w.year)).toEqual(lacking);
    for (const w of res.body.warnings) expect(w.message).toContain('docs/deadlines.md');
  });

  it('answers a packaged year with its days, and a year without data as such', async () => {
    const y2026 = await get('/2026').expect(200);
    expect(y2026.body).toMatchObject({ year: 2026, source: 'package', enteredBy: null });
    expect(y2026.body.holidays).toContain('2026-10-01');
    expect(y2026.body.makeupWorkdays).toContain('2026-10-10');
    const missing = await get(`/${Y}`).expect(200);
    expect(missing.body).toEqual({
      year: Y,
      source: null,
      holidays: [],
      makeupWorkdays: [],
      notice: null,
      enteredBy: null,
      enteredAt: null,
    });
  });

  it('refuses a clerk, reading or writing', async () => {
    expect((await get(`/${Y}`, clerk)).status).toBe(403);
    const res = await put(Y, { holidays: [`${Y}-01-01`], makeupWorkdays: [] }, clerk);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(await storedYears()).toEqual([]);
  });

  it.each([
    [
      'a day outside the year',
      'holidays.1',
      { holidays: [`${Y}-01-01`, `${Y - 1}-12-31`], makeupWorkdays: [] },
    ],
    [
      'a day listed twice',
      'holidays.1',
      { holidays: [`${Y}-01-01`, `${Y}-01-01`], makeupWorkdays: [] },
    ],
    ['a day that does not exist', 'holidays.0', { holidays: [`${Y}-02-30`], makeupWorkdays: [] }],
    [
      'a holiday also a working day',
      'makeupWorkdays.0',
      { holidays: [`${Y}-01-01`], makeupWorkdays: [`${Y}-01-01`] },
    ],
    ['no holiday', 'holidays', { holidays: [], makeupWorkdays: [] }],
    ['a list that is no list', 'holidays', { holidays: `${Y}-01-01`, makeupWorkdays: [] }],
    ['a missing list', 'makeupWorkdays', { holidays: [`${Y}-01-01`] }],
    [
      'an unknown property',
      'source',
      { holidays: [`${Y}-01-01`], makeupWorkdays: [], source: 'admin' },
    ],
  ])('refuses %s with 400 naming %s, and stores nothing', async (_, field, body) => {
    const res = await put(Y, body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await storedYears()).toEqual([]);
  });

  it('refuses a year that is no year', async () => {
    for (const year of ['20x7', '1999', '12345']) {
      const res = await put(year, { holidays: ['2027-01-01'], makeupWorkdays: [] }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'year', message: expect.any(String) }]);
    }
    expect((await get('/abc').expect(400)).body.errors[0].field).toBe('year');
    expect(await storedYears()).toEqual([]);
  });

  it(`makes a ${Y} deadline non-provisional once ${Y} is entered, and changes its answer, on every instance`, async () => {
    const before = await other.app.get(CalendarService).deadline(start, tenWorkingDays);
    expect(before.provisional).toBe(true);
    expect(before.provisionalYears).toEqual([Y]);
    expect(describeDeadline(before, 'en')).toContain(`no official holiday schedule for ${Y}`);

    // Test input: the first three working days of the provisional window declared holidays.
    const firstThree: string[] = [];
    let d = before.firstCountedDay;
    while (firstThree.length < 3) {
      if (!before.skipped.some((s) => s.date === d)) firstThree.push(d);
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    }
    const entry = {
      holidays: [`${Y}-01-01`, ...firstThree],
      makeupWorkdays: [],
      notice: 'e2e test input, not the official schedule',
    };
    const res = await put(Y, entry).expect(200);
    expect(res.body).toMatchObject({
      year: Y,
      source: 'admin',
      holidays: [`${Y}-01-01`, ...firstThree].sort(),
      notice: entry.notice,
      enteredBy: { id: expect.any(String), name: expect.any(String) },
    });
    expect(res.body.enteredAt).toMatch(/\+08:00$/);
    expect(await storedYears()).toEqual([Y]);

    // The instance that did not take the write counts on it in its next transaction (a deadline
    // it sets) …
    const after = await other.app
      .get(DataSource)
      .transaction((m) => other.app.get(CalendarService).deadline(start, tenWorkingDays, m));
    expect(after.provisional).toBe(false);
    expect(after.lastDay > before.lastDay).toBe(true);
    expect(after.skipped.filter((s) => s.why === 'holiday').map((s) => s.date)).toEqual(firstThree);
    expect(describeDeadline(after, 'en')).toContain('not counting 3 public-holiday days');
    expect(describeDeadline(after, 'en')).not.toContain('Provisional');
    expect(await t.app.get(CalendarService).deadline(start, tenWorkingDays)).toEqual(after);
    // … and, once the second it trusts its copy for has passed, on a read (a deadline it shows).
    await new Promise((r) => setTimeout(r, REVISION_TRUST_MS + 50));
    expect(await other.app.get(CalendarService).deadline(start, tenWorkingDays)).toEqual(after);

    const fetched = await get(`/${Y}`).expect(200);
    expect(fetched.body).toEqual(res.body);
    const overview = await get('').expect(200);
    expect(overview.body.years).toContainEqual({ year: Y, source: 'admin' });
    expect(overview.body.warnings.map((w: { year: number }) => w.year)).not.toContain(Y);
  });

  it('lets an entered year take precedence over the packaged one', async () => {
    const before = await t.app
      .get(CalendarService)
      .deadline(new Date('2026-09-29T10:00:00+08:00'), { unit: 'working_days', length: 7 });
    expect(before.lastDay).toBe('2026-10-14');
    // Say a correction left 1–3 October off and no 调休: 10 October is a plain Saturday again.
    await put(2026, {
      holidays: ['2026-10-01', '2026-10-02', '2026-10-03'],
      makeupWorkdays: [],
    }).expect(200);
    const after = await t.app
      .get(CalendarService)
      .deadline(new Date('2026-09-29T10:00:00+08:00'), { unit: 'working_days', length: 7 });
    expect(after.lastDay).toBe('2026-10-12');
    expect(after.countedMakeupWorkdays).toEqual([]);
    expect((await get('/2026').expect(200)).body.source).toBe('admin');
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    const year = doc.paths['/api/v1/admin/calendar/{year}'];
    expect(year.put.tags).toEqual(['calendar']);
    expect(year.get).toBeDefined();
    expect(doc.paths['/api/v1/admin/calendar'].get).toBeDefined();
    expect(Object.keys(doc.components.schemas.PutCalendarYearDto.properties)).toEqual([
      'holidays',
      'makeupWorkdays',
      'notice',
    ]);
  });
});
