import { yearsInUse } from '../../src/calendar/calendar-coverage';
import { CalendarService } from '../../src/calendar/calendar.service';
import { OfficialCalendar } from '../../src/calendar/official-calendar';
import { shippedCalendarLayers } from '../../src/calendar/shipped-calendar';
import { adminToken, createOrganization, createStaff } from './factories';
import { ADMIN, startTestApp, TestApp } from './harness';
import { signedIn, textOf } from './support/pages';
import { csrfOf, submit } from './web-pages';

// The first year the shipped calendar lacks (2027 while chinese-days has not published it). The
// days entered for it are test input, not the official schedule.
const shipped = new OfficialCalendar(shippedCalendarLayers());
let Y = 2027;
while (shipped.source(Y) !== null) Y += 1;

describe('web pages: the official calendar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const storedYears = async () =>
    (await t.dataSource.query('SELECT year FROM calendar_years')).map(
      (r: { year: number }) => r.year,
    );
  /** Every message beside a field (textOf reads the first). */
  const errorsOf = (html: string, id: string) =>
    (new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</div>`).exec(html)?.[1] ?? '').replace(
      /<[^>]+>/g,
      ' ',
    );
  const row = (html: string, year: number) =>
    new RegExp(`<tr[^>]*data-year="${year}"[^>]*>`).exec(html)?.[0] ?? '';

  it('lists the years with their source and warns of a year without data', async () => {
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    const page = (await admin.get('/admin/calendar').expect(200)).text;
    expect(page).toContain('data-page="admin-calendar"');
    expect(row(page, 2026)).toContain('data-source="package"');
    const lacking = yearsInUse(new Date()).filter((y) => shipped.source(y) === null);
    const warned = [...page.matchAll(/data-warning="(\d+)"/g)].map((m) => Number(m[1]));
    expect(warned).toEqual(lacking);
    for (const year of lacking) expect(row(page, year)).toContain('data-source="none"');
    // Filled from the year as it stands: 2026's 调休 Saturday is in the form.
    const filled = (await admin.get('/admin/calendar?year=2026').expect(200)).text;
    expect(filled).toMatch(/name="makeupWorkdays"[^>]*>[^<]*2026-10-10/);
  });

  it('refuses bad dates beside their fields with the API’s messages, keeping what was typed, storing nothing', async () => {
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    const res = await submit(
      admin,
      '/admin/calendar',
      '/admin/calendar',
      {
        year: String(Y),
        holidays: `${Y}-01-01\n${Y}-02-30\n${Y - 1}-12-31`,
        makeupWorkdays: `${Y}-01-01`,
      },
      400,
    );
    const holidays = errorsOf(res.text, 'f-calendar-holidays-error');
    expect(holidays).toContain(`“${Y}-02-30”不是 YYYY-MM-DD 格式的日期`);
    expect(holidays).toContain(`${Y - 1}-12-31 不在 ${Y} 年内`);
    expect(errorsOf(res.text, 'f-calendar-makeupWorkdays-error')).toContain(
      `${Y}-01-01 同时被列为放假日`,
    );
    expect(res.text).toContain(`${Y}-02-30`);
    const noYear = await submit(
      admin,
      '/admin/calendar',
      '/admin/calendar',
      { year: '20x7', holidays: `${Y}-01-01` },
      400,
    );
    expect(textOf(noYear.text, 'f-calendar-year-error')).toBe('请输入 2000 至 2100 之间的年份');
    const empty = await submit(
      admin,
      '/admin/calendar',
      '/admin/calendar',
      { year: String(Y), holidays: '' },
      400,
    );
    expect(textOf(empty.text, 'f-calendar-holidays-error')).toBe('至少需要列出一天');
    expect(await storedYears()).toEqual([]);
  });

  it('enters a year that the API’s calendar then counts deadlines on', async () => {
    const calendar = t.app.get(CalendarService);
    const start = new Date(`${Y}-03-01T10:00:00+08:00`);
    const period = { unit: 'working_days' as const, length: 10 };
    const before = await calendar.deadline(start, period);
    expect(before.provisional).toBe(true);
    // Test input: the first two working days of the window declared holidays.
    const firstTwo: string[] = [];
    let d = before.firstCountedDay;
    while (firstTwo.length < 2) {
      if (!before.skipped.some((s) => s.date === d)) firstTwo.push(d);
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    }
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    const done = await submit(
      admin,
      '/admin/calendar',
      '/admin/calendar',
      {
        year: String(Y),
        holidays: [`${Y}-01-01`, ...firstTwo].join(', '),
        makeupWorkdays: '',
        notice: 'e2e test input, not the official schedule',
      },
      303,
    );
    expect(done.headers.location).toBe('/admin/calendar');
    const page = (await admin.get('/admin/calendar').expect(200)).text;
    expect(page).toContain('该年度已录入');
    expect(row(page, Y)).toContain('data-source="admin"');
    expect(page).not.toContain(`data-warning="${Y}"`);

    const api = await t
      .http()
      .get(`/api/v1/admin/calendar/${Y}`)
      .set('Authorization', `Bearer ${await adminToken(t)}`)
      .expect(200);
    expect(api.body).toMatchObject({
      source: 'admin',
      holidays: [`${Y}-01-01`, ...firstTwo].sort(),
      makeupWorkdays: [],
      notice: 'e2e test input, not the official schedule',
      enteredBy: { name: expect.any(String) },
    });
    const after = await calendar.deadline(start, period);
    expect(after.provisional).toBe(false);
    expect(after.skipped.filter((s) => s.why === 'holiday').map((s) => s.date)).toEqual(firstTwo);
    expect(after.lastDay > before.lastDay).toBe(true);
  });

  it('refuses a clerk, reading or writing, as the API does', async () => {
    const center = await createOrganization(t, 'mediation_center');
    const clerk = await createStaff(t, 'clerk', center.id);
    const page = await signedIn(t, clerk.email, 'staff-password-123');
    await page.get('/admin/calendar').expect(403);
    const token = csrfOf((await page.get('/cases').expect(200)).text);
    await page
      .post('/admin/calendar')
      .type('form')
      .send({ _csrf: token, year: String(Y + 1), holidays: `${Y + 1}-01-01` })
      .expect(403);
    expect(await storedYears()).not.toContain(Y + 1);
  });
});
