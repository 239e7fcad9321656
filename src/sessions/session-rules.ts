import { DateTime } from 'luxon';
import { beijingIso } from '../calendar/calendar-date';
import type { FieldError } from '../common/errors/app-error';
import type { SessionMode } from './session.entity';

/** Sessions are shown, and their mails written, in the mediation centres' zone. */
export const SESSION_ZONE = 'Asia/Shanghai';
export const MIN_SESSION_MS = 15 * 60_000;
export const MAX_SESSION_MS = 8 * 3_600_000;

export interface SlotInput {
  startsAt: string;
  endsAt: string;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** An instant as the API shows it: ISO 8601 with Beijing's offset, e.g. 2026-12-03T10:00:00+08:00. */
export const toZonedIso = beijingIso;

function parseInstant(value: string): Date | null {
  const d = DateTime.fromISO(value, { setZone: true });
  return d.isValid ? d.toJSDate() : null;
}

/**
 * When a session may take place: in the future, 15 minutes to 8 hours long, and over before
 * the case's mediation term ends. Returns the slot, or the fields that are wrong.
 */
export function checkSlot(
  input: SlotInput,
  now: Date,
  mediationDueAt: Date | null,
): { slot: Slot; errors: [] } | { slot: null; errors: FieldError[] } {
  const startsAt = parseInstant(input.startsAt);
  const endsAt = parseInstant(input.endsAt);
  const errors: FieldError[] = [];
  if (!startsAt) errors.push({ field: 'startsAt', message: 'is not a real instant' });
  if (!endsAt) errors.push({ field: 'endsAt', message: 'is not a real instant' });
  if (!startsAt || !endsAt) return { slot: null, errors };
  if (startsAt.getTime() <= now.getTime()) {
    errors.push({ field: 'startsAt', message: 'must be in the future' });
  }
  const length = endsAt.getTime() - startsAt.getTime();
  if (length < MIN_SESSION_MS || length > MAX_SESSION_MS) {
    errors.push({ field: 'endsAt', message: 'must be 15 minutes to 8 hours after startsAt' });
  } else if (mediationDueAt && endsAt.getTime() > mediationDueAt.getTime()) {
    errors.push({
      field: 'endsAt',
      message: `must be within the mediation term, which ends ${toZonedIso(mediationDueAt)}`,
    });
  }
  return errors.length ? { slot: null, errors } : { slot: { startsAt, endsAt }, errors: [] };
}

export interface PlaceInput {
  mode: SessionMode;
  location?: string | null;
  meetingUrl?: string | null;
}

export interface Place {
  mode: SessionMode;
  location: string | null;
  meetingUrl: string | null;
}

/** An online session needs its meeting link, an offline one its address; never both. */
export function checkPlace(
  input: PlaceInput,
): { place: Place; errors: [] } | { place: null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (input.mode === 'online') {
    if (!input.meetingUrl)
      errors.push({ field: 'meetingUrl', message: 'is required for an online session' });
    if (input.location)
      errors.push({ field: 'location', message: 'must be left out for an online session' });
  } else {
    if (!input.location)
      errors.push({ field: 'location', message: 'is required for an offline session' });
    if (input.meetingUrl)
      errors.push({ field: 'meetingUrl', message: 'must be left out for an offline session' });
  }
  if (errors.length) return { place: null, errors };
  return {
    place: {
      mode: input.mode,
      location: input.mode === 'offline' ? input.location! : null,
      meetingUrl: input.mode === 'online' ? input.meetingUrl! : null,
    },
    errors: [],
  };
}

/**
 * When to remind the participants: `before` ahead of the start, or null when that moment has
 * already passed — the invite that the participants receive now is then their notice, and a
 * "reminder" seconds after it would only be noise.
 */
export function reminderTime(startsAt: Date, beforeMs: number, now: Date): Date | null {
  const at = new Date(startsAt.getTime() - beforeMs);
  return at.getTime() > now.getTime() ? at : null;
}
