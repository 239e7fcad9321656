import { DateTime } from 'luxon';
import {
  beijingDate,
  beijingIso,
  beijingMidnight,
  beijingMinute,
  CALENDAR_ZONE,
} from './calendar-date';

// What the zone database says, through luxon, with no cache in between.
const luxonIso = (d: Date) =>
  DateTime.fromJSDate(d, { zone: CALENDAR_ZONE }).toISO({ suppressMilliseconds: true });
const luxonDate = (d: Date) => DateTime.fromJSDate(d, { zone: CALENDAR_ZONE }).toISODate();
const luxonMinute = (d: Date) =>
  DateTime.fromJSDate(d, { zone: CALENDAR_ZONE }).toFormat('yyyy-MM-dd HH:mm');
const luxonMidnight = (date: string) =>
  DateTime.fromISO(date, { zone: CALENDAR_ZONE }).toJSDate().getTime();

describe('Beijing days and instants', () => {
  it('writes an instant as the zone database does, with or without milliseconds', () => {
    expect(beijingIso(new Date('2026-12-11T16:00:00Z'))).toBe('2026-12-12T00:00:00+08:00');
    expect(beijingIso(new Date('2026-12-11T16:00:00.250Z'))).toBe('2026-12-12T00:00:00.250+08:00');
    // 1988's summer time: the zone's other offset, kept apart from the rest by the hour.
    expect(beijingIso(new Date('1988-07-01T00:00:00Z'))).toBe('1988-07-01T09:00:00+09:00');
    expect(beijingDate(new Date('2026-12-11T15:59:59.999Z'))).toBe('2026-12-11');
    expect(beijingDate(new Date('2026-12-11T16:00:00Z'))).toBe('2026-12-12');
    expect(beijingMinute(new Date('2026-12-11T15:59:59.999Z'))).toBe('2026-12-11 23:59');
    expect(() => beijingMinute(new Date('not a time'))).toThrow(RangeError);
  });

  it('agrees with luxon on every instant, across summer time in 1986–1991 and today', () => {
    // A fixed walk through both eras, hours and odd milliseconds apart, so transitions fall in it.
    const starts = [Date.UTC(1986, 3, 1), Date.UTC(1991, 8, 1), Date.UTC(2026, 0, 1)];
    for (const start of starts) {
      for (let k = 0; k < 3000; k++) {
        const d = new Date(start + k * 3_599_937 + (k % 7) * 1000);
        expect(beijingIso(d)).toBe(luxonIso(d));
        expect(beijingDate(d)).toBe(luxonDate(d));
        expect(beijingMinute(d)).toBe(luxonMinute(d));
      }
    }
  });

  it('finds the midnight a day begins with, as luxon does, and no midnight of no day', () => {
    for (let t = Date.UTC(1986, 0, 1); t < Date.UTC(1992, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(beijingMidnight(day).getTime()).toBe(luxonMidnight(day));
    }
    expect(beijingMidnight('2026-12-12').toISOString()).toBe('2026-12-11T16:00:00.000Z');
    expect(beijingMidnight('2027-02-30').getTime()).toBeNaN();
  });
});
