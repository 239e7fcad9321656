import type { Role } from '../common/roles';
import type { CaseStatus, ClosureReason } from './states';

export type Actor = Exclude<Role, 'admin'> | 'system';
/** Who hears of a transition; resolved per case (a lender only once notified, etc.). */
export type Recipient = 'borrower' | 'lender' | 'mediator' | 'clerks';
export const EVERYONE: Recipient[] = ['borrower', 'lender', 'mediator', 'clerks'];
export const PARTIES = ['borrower', 'lender'] as const;

/** What a guard sees of a case: enough to decide, nothing to load. */
export interface CaseFacts {
  status: CaseStatus;
  /** Who signed the current agreement version. */
  signedParties?: readonly string[];
  /** Null until the mediation term started (the applicant's notice was delivered). */
  mediationDueAt?: Date | null;
  /** The open proposal to extend the term, and who consented to it so far. */
  extensionProposal?: { agreedBy: readonly string[] } | null;
}

/** An action's input DTO class (validated with class-validator before any effect runs). */
export type InputClass = new () => object;

export interface Transition {
  action: string;
  actor: readonly Actor[];
  from: readonly CaseStatus[];
  /** The target state; `same` keeps the current one. */
  to: CaseStatus | 'same';
  /** For an action that completes only when its handler says so (both signatures): the state until then. */
  partialTo?: CaseStatus;
  closureReason?: ClosureReason;
  input: InputClass | null;
  /** A further condition on the case, beyond its state (answered 409 when false). */
  guard?: { test: (c: CaseFacts, actor: string) => boolean; message: string };
  notify: readonly Recipient[];
  /**
   * The one who acted is not told of their own action, unless the mail carries something
   * they need themselves (their calendar invite; the agreement's state and sealed PDF).
   */
  notifyActor?: boolean;
  /**
   * Every consequence of the action, by name, in the order they run: the ones that change
   * the case or its records run before the status and the event are written; the
   * announcements (`notify`, `webhook`) after. Each name has exactly one handler.
   */
  effects: readonly string[];
}
