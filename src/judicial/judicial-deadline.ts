import { addDays, beijingDate, beijingMidnight } from '../calendar/calendar-date';
import type { DeadlineDerivation } from '../calendar/deadline';
import type { Period } from '../common/period';

/**
 * 人民调解法 art. 33 and 民事诉讼法 art. 205: the parties apply jointly within 30 days from the
 * agreement taking effect, i.e. from the mediator's confirmation and the centre's seal
 * (`sealedAt`). Counted as art. 85 counts a period of days: the day it took effect is not
 * counted, and a last day that is not a working day rolls to the next working day.
 */
export const JUDICIAL_CONFIRMATION_PERIOD: Period = { unit: 'calendar_days', length: 30 };

/** Both parties are reminded this many days before the last day. */
export const REMINDER_DAYS_BEFORE = [7, 2] as const;
export type ReminderLead = (typeof REMINDER_DAYS_BEFORE)[number];

/** The graphile-worker task of the reminders; its jobs are keyed per case and lead time. */
export const JUDICIAL_REMINDER_TASK = 'judicial_confirmation_reminder';
export const reminderJobKey = (caseId: string, daysBefore: number) =>
  `judicial-reminder:${caseId}:${daysBefore}`;

/** 09:00 Beijing time `daysBefore` days before the last day: a morning mail, not a midnight one. */
export function reminderAt(d: DeadlineDerivation, daysBefore: number): Date {
  const day = beijingMidnight(addDays(d.lastDay, -daysBefore));
  return new Date(day.getTime() + 9 * 3_600_000);
}

/**
 * Whole days from today (Beijing) to the last day, as the reminders count them ("7 days left"
 * on the morning 7 days before): 0 on the last day itself, negative once it has passed.
 */
export function daysLeft(d: Pick<DeadlineDerivation, 'lastDay'>, now: Date): number {
  return Math.round(
    (beijingMidnight(d.lastDay).getTime() - beijingMidnight(beijingDate(now)).getTime()) /
      86_400_000,
  );
}
