import type { DeadlineDerivation } from '../calendar/deadline';

/**
 * What the effects of a transition add to its mails: the session, the agreement, a calendar
 * invite, the sealed PDF. Notifications merges it into every mail of the transition.
 */
export type MailAttachment = InlineAttachment | StoredAttachment;

/** A small file carried in the outbox row itself. */
export interface InlineAttachment {
  filename: string;
  contentType: string;
  /** Base64, so it survives the outbox row as JSON. */
  contentBase64: string;
  /** A calendar invite goes as nodemailer's `icalEvent` (method REQUEST / CANCEL), not a plain file. */
  icalMethod?: 'REQUEST' | 'CANCEL';
}

/**
 * A file the service keeps for good under DATA_DIR (the sealed agreement): the row names it and
 * the sender reads it when it sends. Written once rather than into every recipient's row, it
 * keeps the confirmation's transaction (and the case's row lock) short.
 */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  /** Relative to DATA_DIR. */
  dataPath: string;
}

export interface MailSession {
  /** Formatted in Asia/Shanghai for the mail's locale, e.g. "2026-12-03 10:00 (北京时间)". */
  startsAt: string;
  endsAt: string;
  mode: 'online' | 'offline';
  location: string | null;
  meetingUrl: string | null;
}

export interface MailAgreement {
  version: number;
  /** In force: the mediator confirmed it and the centre sealed it (`confirm_agreement`). */
  settled: boolean;
  /** For `sign_agreement`: who has just signed, so each party reads "you" or "the other party". */
  signedBy: 'borrower' | 'lender' | null;
  /** Both parties have signed this version: the mediator's confirmation and the seal are next. */
  bothSigned: boolean;
  /** The court the parties apply to for judicial confirmation (司法确认). */
  courtName: string | null;
}

/** A proposal to extend the mediation term, as `propose_extension` / `agree_extension` left it. */
export interface MailExtension {
  proposalId: string;
  days: number;
  reason: string;
  agreedBy: ('borrower' | 'lender')[];
  /** Both parties agreed: the term moved to `term`; otherwise `term` is where it would end. */
  agreed: boolean;
  term: DeadlineDerivation;
  /** The term's present end, when a proposal not agreed by both lapses (ISO 8601). */
  expiresAt: string;
}

export interface MailExtra {
  session?: MailSession;
  agreement?: MailAgreement;
  /**
   * Yuan with two decimals: the agreement's settlement and waiver, or the total the lender's
   * debt statement confirms (lender_accept).
   */
  amounts?: { settlement?: string; waived?: string; confirmed?: string };
  attachments?: MailAttachment[];
  extension?: MailExtension;
}

/** Later effects add to what earlier ones gave; attachments accumulate. */
export function mergeMailExtra(into: MailExtra, add: MailExtra | undefined): MailExtra {
  if (!add) return into;
  const { attachments, ...rest } = add;
  return {
    ...into,
    ...rest,
    attachments: [...(into.attachments ?? []), ...(attachments ?? [])],
  };
}
