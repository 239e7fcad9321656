/** The states of workflow.md, in step order. */
export const CASE_STATUSES = [
  'submitted',
  'needs_info',
  'lender_notified',
  'awaiting_session',
  'session_scheduled',
  'awaiting_signatures',
  'settled',
  'rejected',
  'withdrawn',
  'unsuccessful',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const TERMINAL_STATUSES: readonly CaseStatus[] = [
  'settled',
  'rejected',
  'withdrawn',
  'unsuccessful',
];
export const NON_TERMINAL_STATUSES = CASE_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

/** The session step: waiting for a session, or one booked. */
export const SESSION_STEP: CaseStatus[] = ['awaiting_session', 'session_scheduled'];
/** Every open status once the lender has been notified. */
export const FROM_LENDER_NOTIFIED = NON_TERMINAL_STATUSES.filter(
  (s) => s !== 'submitted' && s !== 'needs_info',
);

export const CLOSURE_REASONS = [
  'lender_declined',
  'lender_no_response',
  'no_agreement',
  'term_expired',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** `(a, b, c)` for a CHECK constraint, derived from the same lists. */
export const sqlList = (values: readonly string[]) => `(${values.map((v) => `'${v}'`).join(', ')})`;
