import { beijingDate, yearOf } from './calendar-date';
import type { CalendarSource, OfficialCalendar } from './official-calendar';
import { PACKAGE_CALENDAR_VERSION } from './package-calendar';

export const YEARLY_UPDATE_DOC = 'docs/deadlines.md, "The yearly update"';

export interface CalendarCoverage {
  year: number;
  source: CalendarSource | null;
}

export interface CalendarWarning {
  year: number;
  message: string;
}

/** This year and the next, judged in Beijing: the years whose deadlines are being set now. */
export function yearsInUse(now: Date): [number, number] {
  const year = yearOf(beijingDate(now));
  return [year, year + 1];
}

export function coverage(calendar: OfficialCalendar, now: Date): CalendarCoverage[] {
  return yearsInUse(now).map((year) => ({ year, source: calendar.source(year) }));
}

/**
 * What an admin must be told: each year in use without official data. Its deadlines are counted
 * Monday–Friday and marked provisional until its schedule is entered or the package updated.
 */
export function calendarWarnings(calendar: OfficialCalendar, now: Date): CalendarWarning[] {
  return coverage(calendar, now)
    .filter((c) => c.source === null)
    .map(({ year }) => ({
      year,
      message:
        `No official holiday calendar for ${year}: chinese-days ${PACKAGE_CALENDAR_VERSION} and this ` +
        `repository's official-years.json have none, and no admin has entered it. Deadlines that ` +
        `reach into ${year} are counted Monday–Friday and marked provisional. Once the State ` +
        `Council publishes its ${year} schedule, enter it (PUT /api/v1/admin/calendar/${year}) or ` +
        `update the package: ${YEARLY_UPDATE_DOC}.`,
    }));
}
