import packageData from 'chinese-days/dist/chinese-days.json';
import { version } from 'chinese-days/package.json';
import { yearOf } from './calendar-date';
import type { CalendarYearData } from './official-calendar';

/** The installed `chinese-days` release, named in warnings and in docs/deadlines.md. */
export const PACKAGE_CALENDAR_VERSION: string = version;

/**
 * The years `chinese-days` carries, from the JSON its README publishes (`dist/chinese-days.json`:
 * `holidays` and `workdays`, keyed by `YYYY-MM-DD`). Its functions are not used: they turn the
 * date string into a Date at UTC midnight and read it back in the process's zone, so west of UTC
 * `getDayDetail('2026-10-01')` answers for 30 September. The JSON is the same data without that.
 * A year the package lacks is simply absent here, never filled in as Monday–Friday.
 */
export function packageCalendarYears(
  data: { holidays: Record<string, string>; workdays: Record<string, string> } = packageData,
): CalendarYearData[] {
  const years = new Map<number, { holidays: string[]; makeupWorkdays: string[] }>();
  const entry = (year: number) => {
    let e = years.get(year);
    if (!e) years.set(year, (e = { holidays: [], makeupWorkdays: [] }));
    return e;
  };
  for (const date of Object.keys(data.holidays)) entry(yearOf(date)).holidays.push(date);
  for (const date of Object.keys(data.workdays)) entry(yearOf(date)).makeupWorkdays.push(date);
  return [...years.entries()]
    .filter(([, e]) => e.holidays.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([year, e]) => ({
      year,
      holidays: e.holidays.sort(),
      makeupWorkdays: e.makeupWorkdays.sort(),
    }));
}
