/**
 * The deadlines a case can carry. Each is a period counted as 民事诉讼法 art. 85 counts it; a
 * new kind (the 30 days for 司法确认 once the agreement takes effect) is a name here, a CHECK
 * value in its migration, and one call that starts it.
 */
export const DEADLINE_KINDS = ['lender_response', 'mediation_term'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export type ServedParty = 'lender' | 'borrower';
export const SERVICE_CHANNELS = ['mail', 'webhook'] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];

/**
 * The notices whose service starts a period, and the system action that records the service.
 * A period runs from the delivery of its notice, never from the clerk's click: the lender's
 * window from the acceptance notice to the lender, the mediation term from the acceptance
 * notice to the applicant (docs/deadlines.md says why that one).
 */
export const SERVICE_NOTICES = [
  {
    deadline: 'lender_response',
    action: 'accept',
    party: 'lender',
    record: 'record_lender_service',
  },
  {
    deadline: 'mediation_term',
    action: 'accept',
    party: 'borrower',
    record: 'record_borrower_service',
  },
] as const satisfies readonly {
  deadline: DeadlineKind;
  action: string;
  party: ServedParty;
  record: string;
}[];

export type ServiceNotice = (typeof SERVICE_NOTICES)[number];

/** The notice that a mail or webhook of `action` to `party` serves, if it starts a period. */
export function serviceNoticeOf(action: string, party: string): ServiceNotice | undefined {
  return SERVICE_NOTICES.find((n) => n.action === action && n.party === party);
}

/** The notice that starts `deadline`, if a notice starts it. */
export function noticeStarting(deadline: DeadlineKind): ServiceNotice | undefined {
  return SERVICE_NOTICES.find((n) => n.deadline === deadline);
}
