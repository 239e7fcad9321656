import { IANAZone } from 'luxon';

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

/**
 * Beijing's offset from UTC at an instant, in minutes: +480 since 1991, +540 in the summers of
 * 1986–1991. Asked of the zone database (luxon's `IANAZone`, one `Intl` call each) once per
 * UTC hour and kept, since a zone's offset changes only on the hour: the case page shows dozens
 * of instants, and asking `Intl` for each was a twentieth of its CPU.
 */
const ZONE = IANAZone.create(CALENDAR_ZONE);
const HOUR_MS = 3_600_000;
const offsets = new Map<number, number>();
export function beijingOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    if (offsets.size >= 50_000) offsets.clear();
    offset = ZONE.offset(hour * HOUR_MS);
    offsets.set(hour, offset);
  }
  return offset;
}

/** Beijing's wall clock at an instant, written as if UTC: `2026-12-12T08:00:00.000Z`. */
const wallClock = (ms: number) => new Date(ms + beijingOffsetMinutes(ms) * 60_000).toISOString();

/** `2026-12-03 10:00`: the wall-clock minute in Beijing, as pages show an instant. */
export function beijingMinute(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid time value');
  const wall = wallClock(ms);
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
}

/** The Beijing day an instant falls on. */
export function beijingDate(instant: Date): string {
  return wallClock(instant.getTime()).slice(0, 10);
}

/** 00:00 Beijing time at the start of a day, i.e. 24:00 of the day before. */
export function beijingMidnight(date: string): Date {
  if (!isCalendarDate(date)) return new Date(NaN);
  const utc = toUtcMs(date);
  // The offset of the instant itself, found from the offset a UTC midnight would have.
  const guess = utc - beijingOffsetMinutes(utc) * 60_000;
  return new Date(utc - beijingOffsetMinutes(guess) * 60_000);
}

/** An instant as the API shows it, with Beijing's offset: 2026-12-12T00:00:00+08:00. */
export function beijingIso(instant: Date): string {
  const ms = instant.getTime();
  const offset = beijingOffsetMinutes(ms);
  const wall = new Date(ms + offset * 60_000).toISOString();
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  // Milliseconds only when there are some, as luxon's `suppressMilliseconds` writes them.
  const body = ms % 1000 === 0 ? wall.slice(0, 19) : wall.slice(0, 23);
  return `${body}${sign}${hh}:${mm}`;
}
