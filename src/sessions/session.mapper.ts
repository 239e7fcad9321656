import type { Principal } from '../access/principal';
import type { CalendarRow } from './session.repository';
import type { MediationSession } from './session.entity';
import type { CalendarEntryResponse, SessionResponse } from './sessions.dto';
import { toZonedIso } from './session-rules';

/** Minutes are for the parties, the mediator and the centre's clerks; admins administer only. */
const seesMinutes = (p: Principal) => p.role !== 'admin';

export function toSessionResponse(s: MediationSession, p: Principal): SessionResponse {
  return {
    id: s.id,
    caseId: s.caseId,
    mediatorId: s.mediatorId,
    startsAt: toZonedIso(s.startsAt),
    endsAt: toZonedIso(s.endsAt),
    mode: s.mode,
    location: s.location,
    meetingUrl: s.meetingUrl,
    status: s.status,
    minutes: seesMinutes(p) ? s.minutes : null,
    cancelReason: s.cancelReason,
    sequence: s.sequence,
    createdAt: toZonedIso(s.createdAt),
    updatedAt: toZonedIso(s.updatedAt),
  };
}

export function toCalendarEntry(row: CalendarRow, p: Principal): CalendarEntryResponse {
  return { ...toSessionResponse(row, p), caseNumber: row.caseNumber };
}
