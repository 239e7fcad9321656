import { calendarWarnings, coverage, YEARLY_UPDATE_DOC, yearsInUse } from './calendar-coverage';
import { computeDeadline } from './deadline';
import { OfficialCalendar } from './official-calendar';
import { PACKAGE_CALENDAR_VERSION } from './package-calendar';
import { shippedCalendarLayers } from './shipped-calendar';

// The real date, on purpose: these tests watch the shipped calendar running out.
const now = new Date();
const [thisYear, comingYear] = yearsInUse(now);
const shipped = new OfficialCalendar(shippedCalendarLayers());
const missing = (year: number) =>
  `The official holiday calendar for ${year} is in neither chinese-days ${PACKAGE_CALENDAR_VERSION} ` +
  `nor src/calendar/official-years.json. Do the yearly update: ${YEARLY_UPDATE_DOC}.`;

describe('the shipped official calendar', () => {
  it(`has this year (${thisYear}): the State Council publishes a year's schedule before it begins`, () => {
    if (shipped.source(thisYear) === null) throw new Error(missing(thisYear));
    expect(calendarWarnings(shipped, now).map((w) => w.year)).not.toContain(thisYear);
  });

  it(`has the coming year (${comingYear}), or says so: its deadlines provisional and the admin warned`, () => {
    const deadline = computeDeadline(
      new Date(`${comingYear}-03-01T10:00:00+08:00`),
      { unit: 'working_days', length: 10 },
      shipped,
    );
    const warning = calendarWarnings(shipped, now).find((w) => w.year === comingYear);
    if (shipped.source(comingYear) !== null) {
      expect(deadline.provisional).toBe(false);
      expect(warning).toBeUndefined();
      return;
    }
    // Not shipped yet (on 2026-12-01 no release of chinese-days has 2027 and the State Council
    // has not published it): the lack must be visible, never a silent Monday–Friday.
    if (!warning || !deadline.provisional) throw new Error(missing(comingYear));
    expect(deadline.provisionalYears).toEqual([comingYear]);
    expect(warning.message).toContain(`No official holiday calendar for ${comingYear}`);
    expect(warning.message).toContain(`PUT /api/v1/admin/calendar/${comingYear}`);
    expect(warning.message).toContain('docs/deadlines.md');
  });
});

describe('coverage', () => {
  it('judges "this year" in Beijing: 1 January 00:30 Beijing is still 31 December in UTC', () => {
    expect(yearsInUse(new Date('2026-12-31T16:30:00Z'))).toEqual([2027, 2028]);
  });

  it('names the source of each year in use, and warns for each one without data', () => {
    const calendar = new OfficialCalendar([
      { source: 'admin', years: [{ year: 2027, holidays: ['2027-01-01'], makeupWorkdays: [] }] },
    ]);
    const at = new Date('2027-06-01T00:00:00+08:00');
    expect(coverage(calendar, at)).toEqual([
      { year: 2027, source: 'admin' },
      { year: 2028, source: null },
    ]);
    expect(calendarWarnings(calendar, at).map((w) => w.year)).toEqual([2028]);
  });
});
