/** How a period is counted: on working days of the official calendar, or on calendar days. */
export const PERIOD_UNITS = ['working_days', 'calendar_days'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface Period {
  unit: PeriodUnit;
  length: number;
}

/** A longer period than a year is certainly a typo (the longest the law here knows is months). */
export const MAX_PERIOD_LENGTH = 366;

/**
 * `7wd` → 7 working days; ISO 8601 `P30D` → 30 calendar days. Only whole days: an art. 85 period
 * is counted in days, so `PT24H` or `P1M` (a month is not 30 days) are refused. Null when the
 * text is neither form or the length is not 1–366.
 */
export function parsePeriod(raw: string): Period | null {
  const text = raw.trim();
  const wd = /^(\d{1,3})wd$/i.exec(text);
  const cd = /^P(\d{1,3})D$/i.exec(text);
  const m = wd ?? cd;
  if (!m) return null;
  const length = Number(m[1]);
  if (length < 1 || length > MAX_PERIOD_LENGTH) return null;
  return { unit: wd ? 'working_days' : 'calendar_days', length };
}

/** The configuration's spelling of a period, the inverse of parsePeriod. */
export const formatPeriod = (p: Period) =>
  p.unit === 'working_days' ? `${p.length}wd` : `P${p.length}D`;
