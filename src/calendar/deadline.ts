import { addDays, beijingDate, beijingIso, beijingMidnight, yearOf } from './calendar-date';
import type { CalendarDay, OfficialCalendar } from './official-calendar';
import type { Period, PeriodUnit } from '../common/period';

export interface SkippedDay {
  date: string;
  why: 'weekend' | 'holiday';
}

/**
 * A deadline and how it was reached, as data (JSON as it stands): dates are Beijing days
 * `YYYY-MM-DD`, instants ISO 8601 with +08:00.
 */
export interface DeadlineDerivation {
  /** 24:00 Beijing time of `lastDay`, written as the next day's 00:00+08:00. */
  at: string;
  unit: PeriodUnit;
  length: number;
  /** The instant the period began (e.g. the notice's delivery). */
  startedAt: string;
  /** The Beijing day of `startedAt`: not counted (民事诉讼法 art. 85). */
  startDay: string;
  /** The first day that counts: the day after `startDay`, or for working days the first working day after it. */
  firstCountedDay: string;
  lastDay: string;
  /**
   * Days passed over: for working days, every non-working day between `startDay` and `lastDay`;
   * for calendar days, the non-working days the end rolled past.
   */
  skipped: SkippedDay[];
  /** Saturdays and Sundays of 调休 that counted as working days (for calendar days: the last day, if it is one). */
  countedMakeupWorkdays: string[];
  /** A calendar-day period whose last day was a non-working day: that day. Null otherwise. */
  rolledFrom: string | null;
  /** True when the counting touched a year without official data, judged Monday–Friday. */
  provisional: boolean;
  /** Those years, ascending. */
  provisionalYears: number[];
}

const yearsJudgedWithoutData = (days: CalendarDay[]) =>
  [...new Set(days.filter((d) => !d.official).map((d) => yearOf(d.date)))].sort((a, b) => a - b);

/**
 * When a period that began at `start` ends, counted as 民事诉讼法 art. 85 counts it: the day
 * it begins is not counted; a working-day period counts only working days of the official
 * calendar (weekends and public holidays passed over, 调休 weekend days counted); a calendar-day
 * period whose last day is not a working day ends on the next working day. It ends at 24:00
 * Beijing time of its last day.
 */
export function computeDeadline(
  start: Date,
  period: Period,
  calendar: OfficialCalendar,
): DeadlineDerivation {
  if (!Number.isInteger(period.length) || period.length < 1) {
    throw new RangeError(`a period is a whole number of days ≥ 1, got ${period.length}`);
  }
  const startDay = beijingDate(start);
  const examined: CalendarDay[] = [];
  const skipped: SkippedDay[] = [];
  const look = (date: string) => {
    const day = calendar.day(date);
    examined.push(day);
    return day;
  };

  let firstCountedDay: string;
  let lastDay: string;
  let countedMakeupWorkdays: string[] = [];
  let rolledFrom: string | null = null;

  if (period.unit === 'working_days') {
    let date = startDay;
    let counted = 0;
    let first: string | null = null;
    while (counted < period.length) {
      date = addDays(date, 1);
      const day = look(date);
      if (!day.working) {
        skipped.push({ date, why: day.why! });
        continue;
      }
      counted += 1;
      first ??= date;
      if (day.makeupWorkday) countedMakeupWorkdays.push(date);
    }
    firstCountedDay = first!;
    lastDay = date;
  } else {
    firstCountedDay = addDays(startDay, 1);
    let date = addDays(startDay, period.length);
    let day = look(date);
    if (!day.working) rolledFrom = date;
    while (!day.working) {
      skipped.push({ date, why: day.why! });
      date = addDays(date, 1);
      day = look(date);
    }
    lastDay = date;
    if (day.makeupWorkday) countedMakeupWorkdays = [date];
  }

  const provisionalYears = yearsJudgedWithoutData(examined);
  return {
    at: beijingIso(beijingMidnight(addDays(lastDay, 1))),
    unit: period.unit,
    length: period.length,
    startedAt: beijingIso(start),
    startDay,
    firstCountedDay,
    lastDay,
    skipped,
    countedMakeupWorkdays,
    rolledFrom,
    provisional: provisionalYears.length > 0,
    provisionalYears,
  };
}

/** The instant a derivation ends, for storing in a `timestamptz` column. */
export const deadlineInstant = (d: DeadlineDerivation) => new Date(d.at);
