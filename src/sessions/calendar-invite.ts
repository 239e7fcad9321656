import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';

export interface InvitePerson {
  name: string;
  email: string;
}

export interface InviteInput {
  /** Stable per session: updates and the cancellation reuse it, or calendars add a second event. */
  uid: string;
  /** Raised on every change of the session; calendars ignore an update without a higher SEQUENCE. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  /** A street address for an offline session, or the meeting URL for an online one. */
  location: string;
  organizer: InvitePerson;
  attendees: readonly InvitePerson[];
  /** DTSTAMP; defaults to now. */
  stamp?: Date;
}

const isValidDate = (d: Date) => d instanceof Date && !Number.isNaN(d.getTime());
const isWebUrl = (s: string) => /^https?:\/\/\S+$/i.test(s);
// Names end up inside a quoted CN="…" parameter, where a double quote or a line break cannot be
// escaped (RFC 5545 3.2); drop them rather than emit a line a calendar would reject.
const paramSafe = (s: string) =>
  s
    .replace(/["\p{Cc}]+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();

function assertValid(input: InviteInput): void {
  if (!input.uid.trim()) throw new RangeError('invite uid is empty');
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 0) {
    throw new RangeError(`invite sequence must be a non-negative integer, got ${input.sequence}`);
  }
  if (!isValidDate(input.startsAt) || !isValidDate(input.endsAt)) {
    throw new RangeError('invite startsAt and endsAt must be valid dates');
  }
  if (input.endsAt.getTime() <= input.startsAt.getTime()) {
    throw new RangeError('invite endsAt must be after startsAt');
  }
  if (input.attendees.length === 0) throw new RangeError('invite has no attendees');
  for (const p of [input.organizer, ...input.attendees]) {
    if (!/^[^\s@]+@[^\s@]+$/.test(p.email))
      throw new RangeError(`not an email address: ${p.email}`);
  }
}

/**
 * An iTIP (RFC 5546) invitation or cancellation as iCalendar text. Times are written in UTC
 * ("…Z") with no VTIMEZONE: Outlook, Google and Apple all read that the same way and show it
 * in the reader's own zone, whereas a TZID needs a matching VTIMEZONE block that some clients
 * reject or ignore. (Hence no timezone input: Asia/Shanghai belongs in the mail text.)
 */
export function buildInvite(input: InviteInput): string {
  assertValid(input);
  const cancel = input.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'mediation-case-service', product: 'sessions', language: 'ZH' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp ?? new Date(),
    start: input.startsAt,
    end: input.endsAt,
    summary: input.summary,
    description: input.description,
    location: input.location,
    url: isWebUrl(input.location) ? input.location : null,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: paramSafe(input.organizer.name), email: input.organizer.email },
    // A cancellation still lists the attendees: RFC 5546 requires it, and Outlook removes the
    // event only for the attendees named in the CANCEL.
    attendees: input.attendees.map((a) => ({
      name: paramSafe(a.name),
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: !cancel,
    })),
  });
  return calendar.toString();
}
