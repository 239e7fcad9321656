import type { Type } from '@nestjs/common';
import type { Role } from '../users/user.entity';
import {
  AcceptDto,
  AgreementTermsDto,
  CloseUnsuccessfulDto,
  ExtendTermDto,
  LenderAcceptDto,
  MinutesDto,
  OptionalReasonDto,
  ReasonDto,
  RequestInfoDto,
  RescheduleSessionDto,
  ResubmitDto,
  ScheduleSessionDto,
  SignAgreementDto,
} from './actions.dto';
import { CaseStatus, ClosureReason, NON_TERMINAL_STATUSES } from './states';

export type Actor = Exclude<Role, 'admin'> | 'system';
/** Who hears of a transition; resolved per case (a lender only once notified, etc.). */
export type Recipient = 'borrower' | 'lender' | 'mediator' | 'clerks';

/** What a guard sees of a case: enough to decide, nothing to load. */
export interface CaseFacts {
  status: CaseStatus;
  termExtended: boolean;
  /** Who signed the current agreement version. */
  signedParties?: readonly string[];
}

export interface Transition {
  action: string;
  actor: readonly Actor[];
  from: readonly CaseStatus[];
  /** The target state; `same` keeps the current one. */
  to: CaseStatus | 'same';
  /** For an action that completes only when its handler says so (both signatures): the state until then. */
  partialTo?: CaseStatus;
  closureReason?: ClosureReason;
  input: Type<object> | null;
  /** A further condition on the case, beyond its state (answered 409 when false). */
  guard?: { test: (c: CaseFacts, actor: string) => boolean; message: string };
  notify: readonly Recipient[];
  /** Named side effects beyond the status change, run by the feature that owns them. */
  effects: readonly string[];
}

const SESSION_STEP: CaseStatus[] = ['awaiting_session', 'session_scheduled'];
const FROM_LENDER_NOTIFIED = NON_TERMINAL_STATUSES.filter(
  (s) => s !== 'submitted' && s !== 'needs_info',
);
const EVERYONE: Recipient[] = ['borrower', 'lender', 'mediator', 'clerks'];

/** workflow.md "Actions", once, as data. Everything else is derived from this list. */
export const TRANSITIONS = [
  {
    action: 'request_info',
    actor: ['clerk'],
    from: ['submitted'],
    to: 'needs_info',
    input: RequestInfoDto,
    notify: ['borrower'],
    effects: [],
  },
  {
    action: 'resubmit',
    actor: ['borrower'],
    from: ['needs_info'],
    to: 'submitted',
    input: ResubmitDto,
    notify: ['clerks'],
    effects: ['case:apply_corrections'],
  },
  {
    action: 'reject',
    actor: ['clerk'],
    from: ['submitted'],
    to: 'rejected',
    input: ReasonDto,
    notify: ['borrower'],
    effects: [],
  },
  {
    action: 'accept',
    actor: ['clerk'],
    from: ['submitted'],
    to: 'lender_notified',
    input: AcceptDto,
    notify: ['lender', 'borrower', 'mediator'],
    effects: ['case:assign_mediator', 'deadline:lender_response', 'deadline:mediation_term'],
  },
  {
    action: 'lender_accept',
    actor: ['lender'],
    from: ['lender_notified'],
    to: 'awaiting_session',
    input: LenderAcceptDto,
    notify: ['borrower', 'mediator'],
    effects: ['case:record_counter_proposal'],
  },
  {
    action: 'lender_decline',
    actor: ['lender'],
    from: ['lender_notified'],
    to: 'unsuccessful',
    closureReason: 'lender_declined',
    input: ReasonDto,
    notify: ['borrower', 'mediator'],
    effects: [],
  },
  {
    action: 'schedule_session',
    actor: ['mediator'],
    from: ['awaiting_session'],
    to: 'session_scheduled',
    input: ScheduleSessionDto,
    notify: ['borrower', 'lender', 'mediator'],
    effects: ['session:create', 'session:invite', 'session:reminder'],
  },
  {
    action: 'reschedule_session',
    actor: ['mediator'],
    from: ['session_scheduled'],
    to: 'same',
    input: RescheduleSessionDto,
    notify: ['borrower', 'lender', 'mediator'],
    effects: ['session:move', 'session:invite', 'session:reminder'],
  },
  {
    action: 'cancel_session',
    actor: ['mediator'],
    from: ['session_scheduled'],
    to: 'awaiting_session',
    input: ReasonDto,
    notify: ['borrower', 'lender', 'mediator'],
    effects: ['session:cancel', 'session:invite'],
  },
  {
    action: 'adjourn',
    actor: ['mediator'],
    from: ['session_scheduled'],
    to: 'awaiting_session',
    input: MinutesDto,
    notify: ['borrower', 'lender'],
    effects: ['session:held'],
  },
  {
    action: 'close_unsuccessful',
    actor: ['mediator'],
    from: SESSION_STEP,
    to: 'unsuccessful',
    closureReason: 'no_agreement',
    input: CloseUnsuccessfulDto,
    notify: ['borrower', 'lender'],
    effects: ['session:held', 'case:eligible_for_litigation'],
  },
  {
    action: 'draft_agreement',
    actor: ['mediator'],
    from: ['session_scheduled'],
    to: 'awaiting_signatures',
    input: AgreementTermsDto,
    notify: ['borrower', 'lender'],
    effects: ['session:held', 'agreement:draft'],
  },
  {
    action: 'revise_agreement',
    actor: ['mediator'],
    from: ['awaiting_signatures'],
    to: 'same',
    input: AgreementTermsDto,
    notify: ['borrower', 'lender'],
    effects: ['agreement:draft'],
  },
  {
    action: 'sign_agreement',
    actor: ['borrower', 'lender'],
    from: ['awaiting_signatures'],
    to: 'settled',
    partialTo: 'awaiting_signatures',
    input: SignAgreementDto,
    guard: {
      test: (c, actor) => !(c.signedParties ?? []).includes(actor),
      message: 'you have already signed the current version',
    },
    notify: EVERYONE,
    effects: ['agreement:sign'],
  },
  {
    action: 'withdraw',
    actor: ['borrower'],
    from: NON_TERMINAL_STATUSES,
    to: 'withdrawn',
    input: OptionalReasonDto,
    notify: ['lender', 'mediator', 'clerks'],
    effects: ['session:cancel'],
  },
  {
    action: 'extend_term',
    actor: ['mediator'],
    from: FROM_LENDER_NOTIFIED,
    to: 'same',
    input: ExtendTermDto,
    guard: {
      test: (c) => !c.termExtended,
      message: 'the term of this case was already extended once',
    },
    notify: ['borrower', 'lender'],
    effects: ['deadline:extend_term'],
  },
  {
    action: 'expire_lender_response',
    actor: ['system'],
    from: ['lender_notified'],
    to: 'unsuccessful',
    closureReason: 'lender_no_response',
    input: null,
    notify: ['borrower', 'lender', 'mediator'],
    effects: [],
  },
  {
    action: 'expire_term',
    actor: ['system'],
    from: FROM_LENDER_NOTIFIED,
    to: 'unsuccessful',
    closureReason: 'term_expired',
    input: null,
    notify: ['borrower', 'lender', 'mediator'],
    effects: ['session:cancel'],
  },
] as const satisfies readonly Transition[];

export type ActionName = (typeof TRANSITIONS)[number]['action'];
export const ACTION_NAMES: readonly ActionName[] = TRANSITIONS.map((t) => t.action);

const BY_ACTION = new Map<string, Transition>(TRANSITIONS.map((t) => [t.action, t]));

export function transitionFor(action: string): Transition | undefined {
  return BY_ACTION.get(action);
}
