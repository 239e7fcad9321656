import { DateTime } from 'luxon';

/**
 * Days are `YYYY-MM-DD` strings of the Beijing calendar. Day arithmetic runs on UTC midnights,
 * which has no DST and no dependence on the process's time zone; only the step from an instant
 * to its day (and back) needs the zone.
 */
export const CALENDAR_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (so `2027-02-30` is not one). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === value;
}

const toUtcMs = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

export function addDays(date: string, days: number): string {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

export const yearOf = (date: string) => Number(date.slice(0, 4));

/** The Beijing day an instant falls on. */
export function beijingDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: CALENDAR_ZONE }).toISODate()!;
}

/** 00:00 Beijing time at the start of a day, i.e. 24:00 of the day before. */
export function beijingMidnight(date: string): Date {
  return DateTime.fromISO(date, { zone: CALENDAR_ZONE }).toJSDate();
}

/** An instant as the API shows it, with Beijing's offset: 2026-12-12T00:00:00+08:00. */
export function beijingIso(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: CALENDAR_ZONE }).toISO({
    suppressMilliseconds: true,
  })!;
}
