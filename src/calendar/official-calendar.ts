import { isWeekend, yearOf } from './calendar-date';

/**
 * Where a year's official schedule (国务院办公厅 holiday notice) came from: entered by an admin,
 * kept in this repository's `official-years.json`, or shipped by the `chinese-days` package.
 */
export const CALENDAR_SOURCES = ['admin', 'repository', 'package'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

/** One year of the State Council's schedule: the days off, and the 调休 weekend days worked. */
export interface CalendarYearData {
  year: number;
  /** Every day off of the year's public holidays, weekend days inside a holiday included. */
  holidays: readonly string[];
  /** Saturdays and Sundays that are working days (调休上班). */
  makeupWorkdays: readonly string[];
}

export interface CalendarLayer {
  source: CalendarSource;
  years: readonly CalendarYearData[];
}

export interface CalendarDay {
  date: string;
  working: boolean;
  /** Why a day is not a working day; null on working days. */
  why: 'weekend' | 'holiday' | null;
  /** A Saturday or Sunday worked by the year's 调休. */
  makeupWorkday: boolean;
  /** False when the day's year has no official data and it was judged Monday–Friday. */
  official: boolean;
}

interface YearEntry {
  source: CalendarSource;
  holidays: ReadonlySet<string>;
  makeupWorkdays: ReadonlySet<string>;
  data: CalendarYearData;
}

/**
 * The official calendar as a synchronous lookup. Layers are given in precedence order: a year
 * present in an earlier layer hides the same year of the later ones (admin over repository over
 * package). A year in no layer is never guessed silently: its days say `official: false`.
 */
export class OfficialCalendar {
  private readonly years = new Map<number, YearEntry>();

  constructor(layers: readonly CalendarLayer[]) {
    for (const layer of layers) {
      for (const y of layer.years) {
        if (this.years.has(y.year)) continue;
        this.years.set(y.year, {
          source: layer.source,
          holidays: new Set(y.holidays),
          makeupWorkdays: new Set(y.makeupWorkdays),
          data: y,
        });
      }
    }
  }

  source(year: number): CalendarSource | null {
    return this.years.get(year)?.source ?? null;
  }

  year(year: number): (CalendarYearData & { source: CalendarSource }) | null {
    const entry = this.years.get(year);
    return entry ? { ...entry.data, source: entry.source } : null;
  }

  /** The years that have official data, ascending. */
  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  day(date: string): CalendarDay {
    const entry = this.years.get(yearOf(date));
    const weekend = isWeekend(date);
    if (!entry) {
      return {
        date,
        working: !weekend,
        why: weekend ? 'weekend' : null,
        makeupWorkday: false,
        official: false,
      };
    }
    if (entry.makeupWorkdays.has(date)) {
      return { date, working: true, why: null, makeupWorkday: weekend, official: true };
    }
    if (entry.holidays.has(date)) {
      return { date, working: false, why: 'holiday', makeupWorkday: false, official: true };
    }
    return {
      date,
      working: !weekend,
      why: weekend ? 'weekend' : null,
      makeupWorkday: false,
      official: true,
    };
  }
}
