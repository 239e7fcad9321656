import { computeDeadline } from './deadline';
import { OfficialCalendar } from './official-calendar';
import { packageCalendarYears } from './package-calendar';
import { shippedCalendarLayers } from './shipped-calendar';

// The shipped calendar, and one that holds 2026 alone, so cases that reach into 2027 stay
// provisional here whatever a later package release brings.
const shipped = new OfficialCalendar(shippedCalendarLayers());
const only2026 = new OfficialCalendar([
  { source: 'package', years: packageCalendarYears().filter((y) => y.year === 2026) },
]);
const wd = (length: number) => ({ unit: 'working_days' as const, length });
const cd = (length: number) => ({ unit: 'calendar_days' as const, length });
const at = (iso: string) => new Date(iso);

describe('deadlines on the official 2026 calendar (State Council notice of 4 November 2025)', () => {
  it('counts 7 working days from the day after service, past a weekend, to 24:00 Beijing time', () => {
    const d = computeDeadline(at('2026-12-02T10:15:00+08:00'), wd(7), shipped);
    expect(d).toEqual({
      at: '2026-12-12T00:00:00+08:00',
      unit: 'working_days',
      length: 7,
      startedAt: '2026-12-02T10:15:00+08:00',
      startDay: '2026-12-02',
      firstCountedDay: '2026-12-03',
      lastDay: '2026-12-11',
      skipped: [
        { date: '2026-12-05', why: 'weekend' },
        { date: '2026-12-06', why: 'weekend' },
      ],
      countedMakeupWorkdays: [],
      rolledFrom: null,
      provisional: false,
      provisionalYears: [],
    });
  });

  it('runs a 7-working-day window served just before National Day past the holiday, counting the 调休 Saturday', () => {
    // 1–7 October 2026 off; Saturday 10 October worked (调休); Sunday 11 October a weekend.
    const d = computeDeadline(at('2026-09-29T16:40:00+08:00'), wd(7), shipped);
    expect(d.firstCountedDay).toBe('2026-09-30');
    expect(d.lastDay).toBe('2026-10-14');
    expect(d.at).toBe('2026-10-15T00:00:00+08:00');
    expect(d.skipped).toEqual([
      ...['01', '02', '03', '04', '05', '06', '07'].map((day) => ({
        date: `2026-10-${day}`,
        why: 'holiday',
      })),
      { date: '2026-10-11', why: 'weekend' },
    ]);
    expect(d.countedMakeupWorkdays).toEqual(['2026-10-10']);
    expect(d.provisional).toBe(false);
  });

  it('counts Sunday 20 September 2026, worked for National Day, as a working day', () => {
    const d = computeDeadline(at('2026-09-18T09:00:00+08:00'), wd(2), shipped);
    expect(d.skipped).toEqual([{ date: '2026-09-19', why: 'weekend' }]);
    expect(d.countedMakeupWorkdays).toEqual(['2026-09-20']);
    expect(d.lastDay).toBe('2026-09-21');
  });

  it('starts counting after the Spring Festival for a window served on its eve', () => {
    // 15–23 February off; Saturdays 14 and 28 February worked.
    const d = computeDeadline(at('2026-02-13T11:00:00+08:00'), wd(3), shipped);
    expect(d.firstCountedDay).toBe('2026-02-14');
    expect(d.countedMakeupWorkdays).toEqual(['2026-02-14']);
    expect(d.lastDay).toBe('2026-02-25');
    expect(d.skipped.filter((s) => s.why === 'holiday')).toHaveLength(9);
  });

  it('ends a calendar-day period falling on National Day on the first working day after it', () => {
    const d = computeDeadline(at('2026-09-24T14:00:00+08:00'), cd(7), shipped);
    expect(d.rolledFrom).toBe('2026-10-01');
    expect(d.lastDay).toBe('2026-10-08');
    expect(d.at).toBe('2026-10-09T00:00:00+08:00');
    expect(d.firstCountedDay).toBe('2026-09-25');
    expect(d.skipped.map((s) => s.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
  });

  it('rolls a calendar-day period ending on a plain Sunday to the Monday', () => {
    const d = computeDeadline(at('2026-11-29T09:00:00+08:00'), cd(7), shipped);
    expect(d).toMatchObject({
      rolledFrom: '2026-12-06',
      lastDay: '2026-12-07',
      skipped: [{ date: '2026-12-06', why: 'weekend' }],
    });
  });

  it('does not roll a calendar-day period ending on a 调休 Saturday, which is a working day', () => {
    const d = computeDeadline(at('2026-10-03T09:00:00+08:00'), cd(7), shipped);
    expect(d.rolledFrom).toBeNull();
    expect(d.lastDay).toBe('2026-10-10');
    expect(d.countedMakeupWorkdays).toEqual(['2026-10-10']);
    expect(d.skipped).toEqual([]);
  });

  it('counts calendar days straight through weekends and holidays inside the period', () => {
    const d = computeDeadline(at('2026-09-28T09:00:00+08:00'), cd(30), shipped);
    expect(d.lastDay).toBe('2026-10-28');
    expect(d.rolledFrom).toBeNull();
  });

  it('takes the start day in Beijing time: 00:30 Beijing on 2 December is still 1 December in UTC', () => {
    const d = computeDeadline(at('2026-12-01T16:30:00Z'), wd(1), shipped);
    expect(d.startDay).toBe('2026-12-02');
    expect(d.lastDay).toBe('2026-12-03');
    expect(d.startedAt).toBe('2026-12-02T00:30:00+08:00');
  });

  it('treats a start late on the last day of a holiday as that day: counting begins the next day', () => {
    const d = computeDeadline(at('2026-10-07T23:59:00+08:00'), wd(1), shipped);
    expect(d.lastDay).toBe('2026-10-08');
    expect(d.skipped).toEqual([]);
  });
});

describe('years without official data', () => {
  it('counts 2027 Monday–Friday and marks the deadline provisional, naming 2027', () => {
    const d = computeDeadline(at('2026-12-28T10:00:00+08:00'), wd(5), only2026);
    expect(d.lastDay).toBe('2027-01-04');
    expect(d.provisional).toBe(true);
    expect(d.provisionalYears).toEqual([2027]);
    expect(d.skipped).toEqual([
      { date: '2027-01-02', why: 'weekend' },
      { date: '2027-01-03', why: 'weekend' },
    ]);
  });

  it('is not provisional when the counting ends on 31 December 2026', () => {
    const inside = computeDeadline(at('2026-12-24T10:00:00+08:00'), wd(5), only2026);
    expect(inside.lastDay).toBe('2026-12-31');
    expect(inside.provisional).toBe(false);
  });

  it('marks a calendar-day period provisional when its last day falls in 2027', () => {
    const d = computeDeadline(at('2026-12-02T10:00:00+08:00'), cd(30), only2026);
    expect(d.lastDay).toBe('2027-01-01');
    expect(d.provisionalYears).toEqual([2027]);
  });

  it('uses a year once it is entered, and drops the provisional mark', () => {
    const entered = new OfficialCalendar([
      {
        source: 'admin',
        years: [{ year: 2027, holidays: ['2027-01-01'], makeupWorkdays: [] }],
      },
      { source: 'package', years: packageCalendarYears() },
    ]);
    const d = computeDeadline(at('2026-12-02T10:00:00+08:00'), cd(30), entered);
    expect(d.provisional).toBe(false);
    expect(d.rolledFrom).toBe('2027-01-01');
    expect(d.lastDay).toBe('2027-01-04');
  });
});

describe('period lengths', () => {
  it.each([0, -1, 1.5])('refuses a period of %p days', (length) => {
    expect(() => computeDeadline(new Date(), wd(length), shipped)).toThrow(RangeError);
  });
});
