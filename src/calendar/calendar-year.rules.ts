import type { FieldError } from '../common/errors/app-error';
import { isCalendarDate, isWeekend, yearOf } from './calendar-date';

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;
/** A year's notice has some 30 days off and a handful of 调休 days; more is a paste error. */
export const MAX_HOLIDAYS = 60;
export const MAX_MAKEUP_WORKDAYS = 20;

export interface CalendarYearInput {
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
}

export const isCalendarYear = (year: number) =>
  Number.isInteger(year) && year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR;

function checkList(
  field: 'holidays' | 'makeupWorkdays',
  list: readonly string[],
  year: number,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((date, i) => {
    const at = `${field}.${i}`;
    if (!isCalendarDate(date)) {
      errors.push({ field: at, message: `"${date}" is not a date written YYYY-MM-DD` });
    } else if (yearOf(date) !== year) {
      errors.push({ field: at, message: `${date} is not in ${year}` });
    } else if (seen.has(date)) {
      errors.push({ field: at, message: `${date} is listed twice` });
    } else if (field === 'makeupWorkdays' && !isWeekend(date)) {
      errors.push({
        field: at,
        message: `${date} is not a Saturday or Sunday (weekdays are working days anyway)`,
      });
    }
    seen.add(date);
  });
  return errors;
}

/**
 * What is wrong with a year's schedule, field by field: every date real, inside the year, listed
 * once; a 调休 working day a Saturday or Sunday; no day both off and worked; at least one holiday
 * (every notice has some, and an empty year would read as "official, no holidays").
 */
export function checkCalendarYear(year: number, input: CalendarYearInput): FieldError[] {
  if (!isCalendarYear(year)) {
    return [
      {
        field: 'year',
        message: `must be a year from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`,
      },
    ];
  }
  const errors: FieldError[] = [];
  if (input.holidays.length === 0) {
    errors.push({ field: 'holidays', message: 'must list at least one day' });
  }
  if (input.holidays.length > MAX_HOLIDAYS) {
    errors.push({ field: 'holidays', message: `must list at most ${MAX_HOLIDAYS} days` });
  }
  if (input.makeupWorkdays.length > MAX_MAKEUP_WORKDAYS) {
    errors.push({
      field: 'makeupWorkdays',
      message: `must list at most ${MAX_MAKEUP_WORKDAYS} days`,
    });
  }
  errors.push(...checkList('holidays', input.holidays, year));
  errors.push(...checkList('makeupWorkdays', input.makeupWorkdays, year));
  const holidays = new Set(input.holidays);
  input.makeupWorkdays.forEach((date, i) => {
    if (holidays.has(date)) {
      errors.push({ field: `makeupWorkdays.${i}`, message: `${date} is also listed as a holiday` });
    }
  });
  return errors;
}
