import repositoryData from './official-years.json';
import { checkCalendarYear } from './calendar-year.rules';
import type { CalendarYearData } from './official-calendar';

/** A year kept in `official-years.json`, with the notice it was copied from. */
export interface RepositoryCalendarYear extends CalendarYearData {
  /** e.g. 国办发明电〔2025〕7号 */
  notice: string;
  /** The notice on www.gov.cn. */
  url: string;
}

export interface RepositoryCalendarFile {
  years: readonly RepositoryCalendarYear[];
}

/**
 * The years this repository ships ahead of a `chinese-days` release. The file is checked as an
 * admin's entry is: a bad entry stops start-up rather than shifting a deadline.
 */
export function repositoryCalendarYears(
  file: RepositoryCalendarFile = repositoryData,
): RepositoryCalendarYear[] {
  const problems = file.years.flatMap((y) =>
    checkCalendarYear(y.year, y).map((e) => `${y.year} ${e.field}: ${e.message}`),
  );
  const years = file.years.map((y) => y.year);
  const twice = years.filter((y, i) => years.indexOf(y) !== i);
  problems.push(...twice.map((y) => `${y} is listed twice`));
  if (problems.length > 0) {
    throw new Error(`src/calendar/official-years.json: ${problems.join('; ')}`);
  }
  return [...file.years];
}
