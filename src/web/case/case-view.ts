import type { AgreementResponse } from '../../agreements/agreements.dto';
import type { DeadlineWordsResponse } from '../../cases/case-deadline.dto';
import type { CaseEventResponse, CaseResponse } from '../../cases/case-response.dto';
import { fenToYuan, yuanToFen } from '../../common/money';
import type { CaseStatus } from '../../workflow/states';

/**
 * What the case page shows, worked out from what the API answers for the caller: the five
 * steps, what happens next and by when, the timeline in words, the two proposals. Pure, so
 * the wording's choices are tested without a page; no rule of the workflow is made here.
 */

/** The step of each state (workflow.md "States"); the terminal ones but `settled` end a step. */
const STEP_OF: Record<CaseStatus, number | null> = {
  submitted: 1,
  needs_info: 2,
  lender_notified: 3,
  awaiting_session: 4,
  session_scheduled: 4,
  awaiting_signatures: 5,
  settled: 5,
  rejected: 2,
  withdrawn: null,
  unsuccessful: null,
};

export type StepState = 'done' | 'current' | 'ended' | 'todo';
export interface StepView {
  n: number;
  state: StepState;
}

/** The step a case is at: for one that ended on the way, the step of the state it left. */
export function currentStep(status: CaseStatus, events: readonly CaseEventResponse[]): number {
  const own = STEP_OF[status];
  if (own !== null) return own;
  const last = [...events].reverse().find((e) => e.to === status);
  const from = last?.from as CaseStatus | null | undefined;
  return (from && STEP_OF[from]) || 1;
}

export function stepper(status: CaseStatus, events: readonly CaseEventResponse[]): StepView[] {
  const at = currentStep(status, events);
  const ended = status === 'rejected' || status === 'withdrawn' || status === 'unsuccessful';
  return [1, 2, 3, 4, 5].map((n) => ({
    n,
    state:
      n < at || (n === at && status === 'settled')
        ? 'done'
        : n === at
          ? ended
            ? 'ended'
            : 'current'
          : 'todo',
  }));
}

export interface NextView {
  /** A message key under `caseNext.<audience>.` */
  key: string;
  /** The instant it is due by, if the step has a deadline. */
  at: string | null;
  /** How that deadline is counted, in both languages (the API's own words). */
  words: DeadlineWordsResponse | null;
  /** The step has a deadline, but the notice that starts it has not been delivered yet. */
  waiting: boolean;
}

/** What happens next and by when: the deadline that runs in this state. */
export function nextOf(c: CaseResponse): NextView {
  const key =
    c.status === 'unsuccessful' && c.closureReason ? `unsuccessful_${c.closureReason}` : c.status;
  const term = ['awaiting_session', 'session_scheduled', 'awaiting_signatures'].includes(c.status);
  const lender = c.status === 'lender_notified';
  const at = lender ? c.lenderResponseDueAt : term ? c.mediationDueAt : null;
  const due = lender ? c.lenderResponseDue : term ? c.mediationDue : null;
  return {
    key,
    at,
    words: due?.status === 'started' ? due.description : null,
    waiting: due?.status === 'notice_not_delivered',
  };
}

/** Equal parts in fen with the remainder on the last, as the repayment schedule splits. */
export function splitEvenly(totalFen: number, parts: number): { each: number; last: number } {
  const each = Math.floor(totalFen / parts);
  return { each, last: totalFen - each * (parts - 1) };
}

export interface ProposalView {
  installments: number;
  /** Per installment (the last one may differ by the remainder). */
  each: string;
  last: string;
  total: string;
  requestWaiver?: boolean;
  waived?: string;
  note: string | null;
}

/** The borrower's own proposal beside the lender's counter-proposal, in the same terms. */
export function proposalsOf(c: CaseResponse): { own: ProposalView; lender: ProposalView | null } {
  const ownTotal = yuanToFen(c.loan.outstandingAmount);
  const ownSplit = splitEvenly(ownTotal, c.proposal.installments);
  const own: ProposalView = {
    installments: c.proposal.installments,
    each: fenToYuan(ownSplit.each),
    last: fenToYuan(ownSplit.last),
    total: c.loan.outstandingAmount,
    requestWaiver: c.proposal.requestWaiver,
    note: c.proposal.note,
  };
  const cp = c.counterProposal;
  if (!cp) return { own, lender: null };
  const split = splitEvenly(yuanToFen(cp.settlementAmount), cp.installments);
  return {
    own,
    lender: {
      installments: cp.installments,
      each: fenToYuan(split.each),
      last: fenToYuan(split.last),
      total: cp.settlementAmount,
      waived: cp.waivedAmount,
      note: cp.note,
    },
  };
}

export interface TimelineEntry {
  at: string;
  action: string;
  /** Its words under `timeline.`: the action, or the action and the signing party. */
  key: string;
  to: string;
  /** The party's own words that came with the step (a request, a reason, a note). */
  words: string | null;
  /** The agreement version, the party that signed, the days of an extension. */
  version: number | null;
  party: string | null;
  days: number | null;
  /** The amount of a payment event (yuan), and the day it was paid. */
  amount: string | null;
  paidOn: string | null;
  /** A waiver's installment and the amount it released (yuan). */
  seq: number | null;
  waived: string | null;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** The timeline, newest first, with what each step said in the words of whoever took it. */
export function timelineOf(events: readonly CaseEventResponse[]): TimelineEntry[] {
  return [...events].reverse().map((e) => ({
    at: e.at,
    action: e.action,
    key: text(e.input.party) ? `${e.action}_${text(e.input.party)}` : e.action,
    to: e.to,
    words: text(e.input.message) ?? text(e.input.reason) ?? text(e.input.note),
    version: num(e.input.agreementVersion),
    party: text(e.input.party),
    days: num(e.input.days),
    amount: text(e.input.amount),
    paidOn: text(e.input.paidOn),
    seq: num(e.input.seq),
    waived: text(e.input.waived),
  }));
}

/** The clerk's request a borrower answers now: the last `request_info` while in needs_info. */
export function openRequest(c: CaseResponse, events: readonly CaseEventResponse[]): string | null {
  if (c.status !== 'needs_info') return null;
  const last = [...events].reverse().find((e) => e.action === 'request_info');
  return text(last?.input.message);
}

/** Whether the caller has signed this agreement version (their party's signature is on it). */
export function hasSigned(a: AgreementResponse, role: string): boolean {
  const party = role === 'borrower' ? 'borrower' : role === 'lender' ? 'lender' : null;
  return party !== null && a.signatures.some((s) => s.party === party);
}
