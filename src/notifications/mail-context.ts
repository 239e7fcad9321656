import type { MailAgreement, MailSession } from '../cases/case-mail';
import type { CaseStatus } from '../workflow/states';

export const MAIL_LOCALES = ['zh-CN', 'en'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

/**
 * Who a mail is for. Named in the singular: one mail goes to one person, even where the
 * workflow table fans out to every clerk of the centre (`clerks`).
 */
export const MAIL_RECIPIENTS = ['borrower', 'lender', 'mediator', 'clerk'] as const;
export type MailRecipient = (typeof MAIL_RECIPIENTS)[number];

/**
 * Everything a mail template may print. Deliberately holds no ID number and no phone number:
 * lenders receive these mails, and what is not in the context cannot leak through a template.
 * All values are display-ready strings (money in yuan, times in Asia/Shanghai) so templates
 * never format anything.
 */
/** A deadline of the case as mail says it, in the mail's language. */
export interface MailDeadline {
  /** The period: "7 个工作日" / "7 working days". */
  period: string;
  /** Its notice was delivered and it runs. */
  started: boolean;
  /** How it is counted, in words; before delivery, from when it will run. */
  words: string;
  provisional: boolean;
}

/** A proposal to extend the mediation term, as `propose_extension` / `agree_extension` left it. */
export interface MailExtensionContext {
  proposalId: string;
  days: string;
  reason: string;
  borrowerAgreed: boolean;
  lenderAgreed: boolean;
  /** Both agreed: `term` is the new term; otherwise where it would end. */
  agreed: boolean;
  term: string;
  /** When a proposal not agreed by both lapses (the term's present end), formatted. */
  expiresAt: string;
}

export interface MailContext {
  caseNumber: string;
  recipientName: string;
  borrowerName: string;
  lenderName: string;
  mediatorName: string | null;
  status: CaseStatus;
  /** Link to the case on the platform; the place where every mail sends the reader. */
  caseUrl: string;
  /** The notice's check code (`7QF3M-9DXR2`) and the page that checks it, with it filled in. */
  checkCode: string;
  verifyUrl: string;
  /** Where a party files a complaint about the process or about collection conduct. */
  complaintsUrl: string;
  /** The configured lender's window and mediation term, in words: "7 个工作日" / "30 days". */
  periods: { lenderResponse: string; mediationTerm: string };
  /**
   * The action's input, flattened to strings. Keys the templates read:
   * `message` (request_info), `note` (resubmit), `reason` (reject, lender_decline,
   * cancel_session, close_unsuccessful?, withdraw?, propose_extension), `days`
   * (propose_extension), `proposalId` (agree_extension),
   * `settlementAmount`?, `installments`?, `waivedAmount`?, `note`? (lender_accept's
   * counter-proposal), `asOf`, `principal`, `interest`, `penaltyInterest`, `fees`
   * (lender_accept's debt statement), `installments`, `firstDueDate` (draft_agreement,
   * revise_agreement).
   * A `?` key may be absent; the others are required by the action and a template fails
   * loudly without them.
   */
  input: Readonly<Record<string, string>>;
  lenderResponseDueAt: string | null;
  mediationDueAt: string | null;
  /** The lender's window and the mediation term, once the case was accepted. */
  lenderResponse: MailDeadline | null;
  mediationTerm: MailDeadline | null;
  extension: MailExtensionContext | null;
  /**
   * Yuan with two decimals: `outstanding` is the borrower's own figure at filing; `settlement`
   * and `waived` are the current agreement's, if any; `confirmed` the lender's debt total.
   */
  amounts: { outstanding: string; settlement?: string; waived?: string; confirmed?: string };
  loan: { contractNumber: string };
  /** The borrower's own proposal, as filed. */
  proposal: { installments: number; requestWaiver: boolean };
  session: MailSession | null;
  agreement: MailAgreement | null;
}
