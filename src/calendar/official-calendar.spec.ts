import { checkCalendarYear } from './calendar-year.rules';
import { OfficialCalendar } from './official-calendar';
import { packageCalendarYears } from './package-calendar';
import { repositoryCalendarYears } from './repository-calendar';
import { shippedCalendarLayers } from './shipped-calendar';

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += 86_400_000
  ) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
};

describe('the calendar from chinese-days', () => {
  it("holds 2026 exactly as the State Council's notice of 4 November 2025 publishes it", () => {
    // 元旦 1–3 Jan, 春节 15–23 Feb, 清明 4–6 Apr, 劳动节 1–5 May, 端午 19–21 Jun, 中秋 25–27 Sep,
    // 国庆 1–7 Oct; worked: Sun 4 Jan, Sat 14 Feb, Sat 28 Feb, Sat 9 May, Sun 20 Sep, Sat 10 Oct.
    const y2026 = packageCalendarYears().find((y) => y.year === 2026)!;
    expect(y2026.holidays).toEqual([
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ]);
    expect(y2026.makeupWorkdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('covers every year from 2004 without a gap, each passing the checks an admin entry must pass', () => {
    const years = packageCalendarYears();
    expect(years.map((y) => y.year)).toEqual(years.map((_, i) => 2004 + i));
    expect(years.map((y) => y.year)).toContain(2026);
    for (const y of years) expect(checkCalendarYear(y.year, y)).toEqual([]);
  });

  describe("agrees with the package's own functions, day by day, 2004–2026", () => {
    // The functions read a date string back in the process's zone; in Beijing they are right.
    const saved = process.env.TZ;
    beforeAll(() => (process.env.TZ = 'Asia/Shanghai'));
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('on which days are working days', () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const chineseDays: typeof import('chinese-days') = require('chinese-days');
      const calendar = new OfficialCalendar([{ source: 'package', years: packageCalendarYears() }]);
      const disagree = range('2004-01-01', '2026-12-31').filter(
        (d) => calendar.day(d).working !== chineseDays.isWorkday(d),
      );
      expect(disagree).toEqual([]);
    });
  });
});

describe('the official calendar', () => {
  it('says a day of a year without data is not official, and judges it Monday–Friday', () => {
    const calendar = new OfficialCalendar([{ source: 'package', years: packageCalendarYears() }]);
    expect(calendar.source(2099)).toBeNull();
    expect(calendar.day('2099-01-01')).toEqual({
      date: '2099-01-01',
      working: true,
      why: null,
      makeupWorkday: false,
      official: false,
    });
    expect(calendar.day('2026-10-01')).toMatchObject({
      working: false,
      why: 'holiday',
      official: true,
    });
    expect(calendar.day('2026-10-10')).toMatchObject({ working: true, makeupWorkday: true });
  });

  it("lets an admin's year replace the package's year whole", () => {
    const calendar = new OfficialCalendar([
      { source: 'admin', years: [{ year: 2026, holidays: ['2026-12-31'], makeupWorkdays: [] }] },
      { source: 'package', years: packageCalendarYears() },
    ]);
    expect(calendar.source(2026)).toBe('admin');
    expect(calendar.day('2026-12-31').working).toBe(false);
    expect(calendar.day('2026-10-01').working).toBe(true);
    expect(calendar.source(2025)).toBe('package');
  });
});

describe("this repository's official-years.json", () => {
  it('is valid, and is consulted before the package', () => {
    expect(() => repositoryCalendarYears()).not.toThrow();
    expect(shippedCalendarLayers().map((l) => l.source)).toEqual(['repository', 'package']);
  });

  it('stops start-up on a bad entry, naming the year and the field', () => {
    const bad = {
      years: [
        {
          year: 2027,
          notice: 'test',
          url: 'https://www.gov.cn/',
          holidays: ['2027-02-06', '2026-12-31'],
          makeupWorkdays: ['2027-02-06'],
        },
      ],
    };
    expect(() => repositoryCalendarYears(bad)).toThrow(
      /2027 holidays\.1: 2026-12-31 is not in 2027; 2027 makeupWorkdays\.0: 2027-02-06 is also listed as a holiday/,
    );
  });
});
