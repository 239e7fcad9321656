import fc from 'fast-check';
import { computeDeadline, DeadlineDerivation } from './deadline';
import { CalendarYearData, OfficialCalendar } from './official-calendar';
import { packageCalendarYears } from './package-calendar';

/*
 * Properties over random starts across 2026–2027. 2026 is the package's official year; 2027 is
 * either absent (counted Monday–Friday, provisional) or a random schedule as an admin might
 * enter it, so the rules are checked against calendars nobody hand-picked. The oracle below reads
 * the raw lists with its own date arithmetic, not the module's.
 */

const DAY = 86_400_000;
const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`);
const nextDay = (date: string) => new Date(utcDay(date) + DAY).toISOString().slice(0, 10);
const isWeekday = (date: string) => [1, 2, 3, 4, 5].includes(new Date(utcDay(date)).getUTCDay());
const beijingDay = (instant: Date) =>
  new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const year2026 = packageCalendarYears().find((y) => y.year === 2026)!;
const days2027 = Array.from({ length: 365 }, (_, i) =>
  new Date(Date.UTC(2027, 0, 1) + i * DAY).toISOString().slice(0, 10),
);

const entered2027: fc.Arbitrary<CalendarYearData> = fc
  .subarray(days2027, { minLength: 1, maxLength: 40 })
  .chain((holidays) =>
    fc
      .subarray(
        days2027.filter((d) => !isWeekday(d) && !holidays.includes(d)),
        { maxLength: 8 },
      )
      .map((makeupWorkdays) => ({ year: 2027, holidays, makeupWorkdays })),
  );

interface World {
  years: CalendarYearData[];
  calendar: OfficialCalendar;
}

const world: fc.Arbitrary<World> = fc.option(entered2027, { nil: undefined }).map((y2027) => {
  const years = y2027 ? [year2026, y2027] : [year2026];
  return { years, calendar: new OfficialCalendar([{ source: 'admin', years }]) };
});

function oracle(years: CalendarYearData[]) {
  const covered = new Set(years.map((y) => y.year));
  const holidays = new Set(years.flatMap((y) => y.holidays));
  const makeup = new Set(years.flatMap((y) => y.makeupWorkdays));
  const official = (date: string) => covered.has(Number(date.slice(0, 4)));
  const working = (date: string) =>
    official(date) ? makeup.has(date) || (isWeekday(date) && !holidays.has(date)) : isWeekday(date);
  const why = (date: string) => (official(date) && holidays.has(date) ? 'holiday' : 'weekend');
  return { official, working, why };
}

/** Every day after `from` up to and including `to`. */
function daysAfter(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = nextDay(from); d <= to; d = nextDay(d)) out.push(d);
  return out;
}

const starts = fc.date({
  min: new Date('2026-01-01T00:00:00+08:00'),
  max: new Date('2027-12-31T23:59:59+08:00'),
  noInvalidDate: true,
});

const endsAtMidnightAfter = (d: DeadlineDerivation) =>
  d.at === `${nextDay(d.lastDay)}T00:00:00+08:00`;

describe('working-day deadlines (random starts, 2026–2027)', () => {
  it('never end on a non-working day, count exactly N working days after the start day, and agree with the calendar data', () => {
    fc.assert(
      fc.property(world, starts, fc.integer({ min: 1, max: 60 }), (w, start, length) => {
        const d = computeDeadline(start, { unit: 'working_days', length }, w.calendar);
        const o = oracle(w.years);
        const startDay = beijingDay(start);
        const range = daysAfter(startDay, d.lastDay);
        const workingDays = range.filter(o.working);

        expect(d.startDay).toBe(startDay);
        expect(o.working(d.lastDay)).toBe(true);
        expect(workingDays).toHaveLength(length);
        expect(d.firstCountedDay).toBe(workingDays[0]);
        expect(d.skipped).toEqual(
          range.filter((x) => !o.working(x)).map((x) => ({ date: x, why: o.why(x) })),
        );
        expect(d.countedMakeupWorkdays).toEqual(workingDays.filter((x) => !isWeekday(x)));
        expect(d.provisional).toBe(range.some((x) => !o.official(x)));
        expect(endsAtMidnightAfter(d)).toBe(true);
        expect(new Date(d.at).getTime()).toBeGreaterThan(start.getTime());
      }),
      { numRuns: 300 },
    );
  });
});

describe('calendar-day deadlines (random starts, 2026–2027)', () => {
  it('end N days after the start day, or on the first working day after it when that day is not one', () => {
    fc.assert(
      fc.property(world, starts, fc.integer({ min: 1, max: 90 }), (w, start, length) => {
        const d = computeDeadline(start, { unit: 'calendar_days', length }, w.calendar);
        const o = oracle(w.years);
        const nominal = new Date(utcDay(beijingDay(start)) + length * DAY)
          .toISOString()
          .slice(0, 10);

        expect(d.firstCountedDay).toBe(nextDay(beijingDay(start)));
        expect(o.working(d.lastDay)).toBe(true);
        if (o.working(nominal)) {
          expect(d.lastDay).toBe(nominal);
          expect(d.rolledFrom).toBeNull();
        } else {
          expect(d.rolledFrom).toBe(nominal);
          const passed = [nominal, ...daysAfter(nominal, d.lastDay)].slice(0, -1);
          expect(passed.every((x) => !o.working(x))).toBe(true);
          expect(d.skipped.map((s) => s.date)).toEqual(passed);
        }
        expect(endsAtMidnightAfter(d)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('roll to the next working day when they end on a public holiday', () => {
    const endingOnHoliday = world.chain((w) =>
      fc.record({
        w: fc.constant(w),
        holiday: fc.constantFrom(...w.years.flatMap((y) => y.holidays)),
        length: fc.integer({ min: 1, max: 60 }),
        minuteOfDay: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      }),
    );
    fc.assert(
      fc.property(endingOnHoliday, ({ w, holiday, length, minuteOfDay }) => {
        const startDay = new Date(utcDay(holiday) - length * DAY).toISOString().slice(0, 10);
        const start = new Date(`${startDay}T00:00:00+08:00`);
        start.setTime(start.getTime() + minuteOfDay * 60_000);
        const d = computeDeadline(start, { unit: 'calendar_days', length }, w.calendar);
        const o = oracle(w.years);

        expect(d.rolledFrom).toBe(holiday);
        expect(d.skipped[0]).toEqual({ date: holiday, why: 'holiday' });
        expect(d.lastDay > holiday).toBe(true);
        expect(o.working(d.lastDay)).toBe(true);
        expect(
          daysAfter(holiday, d.lastDay)
            .slice(0, -1)
            .every((x) => !o.working(x)),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the server's time zone", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('changes no deadline: the same starts give the same derivations in UTC, Beijing and New York', () => {
    const calendar = new OfficialCalendar([{ source: 'package', years: [year2026] }]);
    const samples = fc.sample(starts, { numRuns: 200, seed: 20261201 });
    const answer = () =>
      samples.flatMap((s) => [
        computeDeadline(s, { unit: 'working_days', length: 7 }, calendar),
        computeDeadline(s, { unit: 'calendar_days', length: 30 }, calendar),
      ]);
    process.env.TZ = 'UTC';
    const utc = answer();
    process.env.TZ = 'Asia/Shanghai';
    expect(answer()).toEqual(utc);
    process.env.TZ = 'America/New_York';
    expect(answer()).toEqual(utc);
  });
});
