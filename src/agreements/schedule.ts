export const MAX_INSTALLMENTS = 60;

export interface ScheduleInput {
  settlementFen: number;
  installments: number;
  /** `YYYY-MM-DD`; later installments fall on the same day of each following month. */
  firstDueDate: string;
}

export interface ScheduleRow {
  seq: number;
  dueDate: string;
  amountFen: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function parseIsoDate(value: string): CalendarDate {
  const match = ISO_DATE.exec(value);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar date: ${value}`);
  }
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC keeps the host zone out of it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function formatDate({ year, month, day }: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The due date `offset` months after the first, always measured from the first due date's
 * day-of-month so a clamp in a short month does not drift into the later months
 * (31 Jan → 28 Feb → 31 Mar, not → 28 Mar).
 */
export function addMonthsClamped(first: string, offset: number): string {
  const { year, month, day } = parseIsoDate(first);
  const monthIndex = month - 1 + offset;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = (((monthIndex % 12) + 12) % 12) + 1;
  return formatDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/**
 * Equal monthly installments in integer fen with the remainder on the last one, so the rows
 * always add up to the settlement amount exactly and no installment is a fraction of a fen.
 */
export function buildSchedule({
  settlementFen,
  installments,
  firstDueDate,
}: ScheduleInput): ScheduleRow[] {
  if (!Number.isInteger(installments) || installments < 1 || installments > MAX_INSTALLMENTS) {
    throw new RangeError(`installments must be an integer from 1 to ${MAX_INSTALLMENTS}`);
  }
  if (!Number.isSafeInteger(settlementFen) || settlementFen < 1) {
    throw new RangeError(`settlement must be a positive whole number of fen: ${settlementFen}`);
  }
  // Below one fen per installment some rows would be zero, which is no installment at all.
  if (settlementFen < installments) {
    throw new RangeError(
      `settlement of ${settlementFen} fen cannot be split into ${installments} installments`,
    );
  }
  parseIsoDate(firstDueDate);

  const base = Math.floor(settlementFen / installments);
  const remainder = settlementFen - base * installments;
  return Array.from({ length: installments }, (_, i) => ({
    seq: i + 1,
    dueDate: addMonthsClamped(firstDueDate, i),
    amountFen: i === installments - 1 ? base + remainder : base,
  }));
}
