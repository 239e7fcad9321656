import {
  AcceptDto,
  AgreeExtensionDto,
  CloseUnsuccessfulDto,
  LenderAcceptDto,
  MinutesDto,
  OptionalReasonDto,
  ProposeExtensionDto,
  ReasonDto,
  RequestInfoDto,
  RescheduleSessionDto,
  ResubmitDto,
  ScheduleSessionDto,
} from './actions.dto';
import { AgreementTermsDto, ConfirmAgreementDto, SignAgreementDto } from './agreement-actions.dto';
import { FROM_LENDER_NOTIFIED, NON_TERMINAL_STATUSES, SESSION_STEP } from './states';
import { NoticeServedDto } from './system-inputs';

export type { Actor, CaseFacts, InputClass, Recipient, Transition } from './transition.types';
import { EVERYONE, PARTIES } from './transition.types';
import type { Transition } from './transition.types';

/** workflow.md "Actions", once, as data. Everything else is derived from this list. */
export const TRANSITIONS = [
  {
    action: 'request_info',
    actor: ['clerk'],
    from: ['submitted'],
    to: 'needs_info',
    input: RequestInfoDto,
    notify: ['borrower'],
    effects: ['notify'],
  },
  {
    action: 'resubmit',
    actor: ['borrower'],
    from: ['needs_info'],
    to: 'submitted',
    input: ResubmitDto,
    notify: ['clerks'],
    effects: ['review:apply_corrections', 'notify'],
  },
  {
    action: 'reject',
    actor: ['clerk'],
    from: ['submitted'],
    to: 'rejected',
    input: ReasonDto,
    notify: ['borrower'],
    effects: ['notify'],
  },
  {
    action: 'accept',
    actor: ['clerk'],
    from: ['submitted'],
    to: 'lender_notified',
    input: AcceptDto,
    notify: ['lender', 'borrower', 'mediator'],
    effects: [
      'review:assign_mediator',
      'deadline:lender_response',
      'deadline:mediation_term',
      'notify',
      'webhook',
    ],
  },
  {
    action: 'lender_accept',
    actor: ['lender'],
    from: ['lender_notified'],
    to: 'awaiting_session',
    input: LenderAcceptDto,
    notify: ['borrower', 'mediator'],
    effects: [
      'lender:record_debt_statement',
      'lender:record_counter_proposal',
      'notify',
      'webhook',
    ],
  },
  {
    action: 'lender_decline',
    actor: ['lender'],
    from: ['lender_notified'],
    to: 'unsuccessful',
    closureReason: 'lender_declined',
    input: ReasonDto,
    notify: ['borrower', 'mediator'],
    effects: ['notify', 'webhook'],
  },
  {
    action: 'schedule_session',
    actor: ['mediator'],
    from: ['awaiting_session'],
    to: 'session_scheduled',
    input: ScheduleSessionDto,
    notify: ['borrower', 'lender', 'mediator'],
    notifyActor: true,
    effects: ['session:create', 'session:invite', 'session:reminder', 'notify', 'webhook'],
  },
  {
    action: 'reschedule_session',
    actor: ['mediator'],
    from: ['session_scheduled'],
    to: 'same',
    input: RescheduleSessionDto,
    notify: ['borrower', 'lender', 'mediator'],
    notifyActor: true,
    effects: ['session:move', 'session:invite', 'session:reminder', 'notify', 'webhook'],
  },
  {
    action: 'cancel_session',
    actor: ['mediator'],
    from: ['session_scheduled'],
    to: 'awaiting_session',
    input: ReasonDto,
    notify: ['borrower', 'lender', 'mediator'],
    notifyActor: true,
    effects: ['session:cancel', 'session:invite', 'notify', 'webhook'],
  },
  {
    action: 'adjourn',
    actor: ['mediator'],
    from: ['session_scheduled'],
    to: 'awaiting_session',
    input: MinutesDto,
    notify: ['borrower', 'lender'],
    effects: ['session:held', 'notify', 'webhook'],
  },
  {
    action: 'close_unsuccessful',
    actor: ['mediator'],
    from: SESSION_STEP,
    to: 'unsuccessful',
    closureReason: 'no_agreement',
    input: CloseUnsuccessfulDto,
    notify: ['borrower', 'lender'],
    effects: [
      'session:held',
      'session:invite',
      'case:eligible_for_litigation',
      'notify',
      'webhook',
    ],
  },
  {
    // Once the session has started: session:held refuses (409) before its start time.
    action: 'draft_agreement',
    actor: ['mediator'],
    from: ['session_scheduled'],
    to: 'awaiting_signatures',
    input: AgreementTermsDto,
    notify: ['borrower', 'lender'],
    effects: ['session:held', 'agreement:draft', 'notify', 'webhook'],
  },
  {
    action: 'revise_agreement',
    actor: ['mediator'],
    from: ['awaiting_signatures'],
    to: 'same',
    input: AgreementTermsDto,
    notify: ['borrower', 'lender'],
    effects: ['agreement:draft', 'notify', 'webhook'],
  },
  {
    action: 'sign_agreement',
    actor: ['borrower', 'lender'],
    from: ['awaiting_signatures'],
    to: 'same',
    input: SignAgreementDto,
    guard: {
      test: (c, actor) => !(c.signedParties ?? []).includes(actor),
      message: 'you have already signed the current version',
    },
    notify: EVERYONE,
    notifyActor: true,
    effects: ['agreement:sign', 'notify', 'webhook'],
  },
  {
    // The mediator's signature and the centre's seal: only this puts the agreement in force.
    action: 'confirm_agreement',
    actor: ['mediator'],
    from: ['awaiting_signatures'],
    to: 'settled',
    input: ConfirmAgreementDto,
    guard: {
      test: (c) => PARTIES.every((p) => (c.signedParties ?? []).includes(p)),
      message: 'both parties must sign the current version before the mediator confirms it',
    },
    notify: EVERYONE,
    notifyActor: true,
    effects: ['agreement:confirm', 'plan:create', 'judicial:start_clock', 'notify', 'webhook'],
  },
  {
    action: 'withdraw',
    actor: ['borrower'],
    from: NON_TERMINAL_STATUSES,
    to: 'withdrawn',
    input: OptionalReasonDto,
    notify: ['lender', 'mediator', 'clerks'],
    effects: ['session:cancel', 'session:invite', 'notify', 'webhook'],
  },
  {
    action: 'propose_extension',
    actor: ['mediator'],
    from: FROM_LENDER_NOTIFIED,
    to: 'same',
    input: ProposeExtensionDto,
    guard: {
      test: (c) => c.mediationDueAt != null,
      message: 'the mediation term has not started: the applicant’s notice is not yet delivered',
    },
    notify: ['borrower', 'lender'],
    effects: ['deadline:propose_extension', 'notify', 'webhook'],
  },
  {
    action: 'agree_extension',
    actor: ['borrower', 'lender'],
    from: FROM_LENDER_NOTIFIED,
    to: 'same',
    input: AgreeExtensionDto,
    guard: {
      test: (c, actor) =>
        c.extensionProposal != null && !c.extensionProposal.agreedBy.includes(actor),
      message: 'there is no open extension proposal awaiting your consent',
    },
    notify: ['borrower', 'lender', 'mediator'],
    notifyActor: true,
    effects: ['deadline:agree_extension', 'notify', 'webhook'],
  },
  {
    action: 'record_lender_service',
    actor: ['system'],
    from: ['lender_notified'],
    to: 'same',
    input: NoticeServedDto,
    notify: ['lender'],
    effects: ['deadline:start_lender_response', 'notify', 'webhook'],
  },
  {
    action: 'record_borrower_service',
    actor: ['system'],
    from: FROM_LENDER_NOTIFIED,
    to: 'same',
    input: NoticeServedDto,
    notify: ['borrower'],
    effects: ['deadline:start_mediation_term', 'notify', 'webhook'],
  },
  {
    action: 'flag_provisional_deadline',
    actor: ['system'],
    from: FROM_LENDER_NOTIFIED,
    to: 'same',
    input: null,
    notify: ['clerks'],
    effects: ['deadline:flag_provisional', 'notify'],
  },
  {
    action: 'expire_lender_response',
    actor: ['system'],
    from: ['lender_notified'],
    to: 'unsuccessful',
    closureReason: 'lender_no_response',
    input: null,
    notify: ['borrower', 'lender', 'mediator'],
    effects: ['notify', 'webhook'],
  },
  {
    action: 'expire_term',
    actor: ['system'],
    from: FROM_LENDER_NOTIFIED,
    to: 'unsuccessful',
    closureReason: 'term_expired',
    input: null,
    notify: ['borrower', 'lender', 'mediator'],
    effects: [
      'session:cancel',
      'session:invite',
      'deadline:expire_extension_proposal',
      'notify',
      'webhook',
    ],
  },
] as const satisfies readonly Transition[];

export type TransitionRow = (typeof TRANSITIONS)[number];
export type ActionName = TransitionRow['action'];
export const ACTION_NAMES: readonly ActionName[] = TRANSITIONS.map((t) => t.action);

const BY_ACTION = new Map<string, TransitionRow>(TRANSITIONS.map((t) => [t.action, t]));

export function transitionFor(action: string): TransitionRow | undefined {
  return BY_ACTION.get(action);
}

/** The actions only the service itself takes (deadlines, service of notices). */
export type SystemAction = Extract<TransitionRow, { actor: readonly ['system'] }>['action'];
