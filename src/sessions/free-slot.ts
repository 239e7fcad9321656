import { DateTime } from 'luxon';
import type { Slot } from './session-rules';
import { SESSION_ZONE } from './session-rules';

/** Office hours a session is offered in, Beijing time: whole hours from 09:00, the last at 16:00. */
export const OFFICE_HOURS = { first: 9, last: 16 } as const;
export const SLOT_MINUTES = 60;
/** How far ahead a free slot is looked for. */
export const SLOT_HORIZON_DAYS = 30;

/**
 * The first hour-long slot in office hours, on a working day, starting after `now`, that
 * overlaps none of the `busy` sessions (any order); null when there is none in the horizon.
 * `isWorkingDay` takes a Beijing `YYYY-MM-DD` (the official calendar's 调休 and holidays).
 */
export function nextFreeSlot(
  now: Date,
  busy: readonly Slot[],
  isWorkingDay: (date: string) => boolean,
): Slot | null {
  const start = DateTime.fromJSDate(now, { zone: SESSION_ZONE });
  for (let d = 0; d <= SLOT_HORIZON_DAYS; d++) {
    const day = start.startOf('day').plus({ days: d });
    if (!isWorkingDay(day.toISODate()!)) continue;
    for (let h = OFFICE_HOURS.first; h <= OFFICE_HOURS.last; h++) {
      const from = day.set({ hour: h });
      if (from <= start) continue;
      const slot = {
        startsAt: from.toJSDate(),
        endsAt: from.plus({ minutes: SLOT_MINUTES }).toJSDate(),
      };
      const clash = busy.some(
        (b) =>
          b.startsAt.getTime() < slot.endsAt.getTime() &&
          slot.startsAt.getTime() < b.endsAt.getTime(),
      );
      if (!clash) return slot;
    }
  }
  return null;
}
