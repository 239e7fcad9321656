import type { TransitionRecord } from '../cases/case-action.types';
import type { CaseEvent } from '../cases/case-event.entity';
import type { CaseRecord } from '../cases/case.entity';

/**
 * The repayment plan's events (issue 16), by the timeline action that records each: not
 * transitions (the case stays `settled`), so they are named for what they are, not `case.*`.
 */
export const PLAN_WEBHOOK_TYPES = {
  payment_recorded: 'payment.recorded',
  installment_late: 'installment.late',
  plan_completed: 'plan.completed',
  installment_waived: 'installment.waived',
} as const;
export type PlanWebhookAction = keyof typeof PLAN_WEBHOOK_TYPES;
export const isPlanWebhookAction = (action: string): action is PlanWebhookAction =>
  Object.hasOwn(PLAN_WEBHOOK_TYPES, action);

/**
 * The JSON POSTed for one event of a case. Only what identifies the case and
 * the move: no borrower data at all (the lender reads the case through the
 * API, where ID numbers and phones are masked).
 */
export interface WebhookEventPayload {
  /** The timeline event's id: the same for every attempt, the receiver's dedupe key. */
  id: string;
  type: string;
  occurredAt: string;
  case: {
    id: string;
    caseNumber: string;
    status: string;
    closureReason: string | null;
    lenderResponseDueAt: string | null;
    mediationDueAt: string | null;
    version: number;
  };
  action: string;
  from: string | null;
  to: string;
  /** A plan event's figures (amounts in yuan, dates in Beijing); absent on `case.*` events. */
  data?: Record<string, string | number>;
}

export function toWebhookEvent(r: TransitionRecord): WebhookEventPayload {
  return eventOf(r.case, r.event, `case.${r.event.action}`);
}

/** A plan event of the timeline as its webhook: the case as it is, and the event's figures. */
export function toPlanWebhookEvent(
  c: CaseRecord,
  event: CaseEvent,
  data: Record<string, string | number>,
): WebhookEventPayload {
  const action = event.action;
  if (!isPlanWebhookAction(action)) throw new Error(`${action} is not a plan event with a webhook`);
  return { ...eventOf(c, event, PLAN_WEBHOOK_TYPES[action]), data };
}

/**
 * A case event as its webhook: a transition's type is `case.<action>`; an event that is not a
 * transition (the 司法确认 steps after settlement) names its own (`judicial_confirmation.updated`).
 */
export function eventOf(c: CaseRecord, event: CaseEvent, type: string): WebhookEventPayload {
  return {
    id: String(event.id),
    type,
    occurredAt: event.createdAt.toISOString(),
    case: {
      id: c.id,
      caseNumber: c.caseNumber,
      status: c.status,
      closureReason: c.closureReason,
      lenderResponseDueAt: c.lenderResponseDueAt?.toISOString() ?? null,
      mediationDueAt: c.mediationDueAt?.toISOString() ?? null,
      version: c.version,
    },
    action: event.action,
    from: event.fromStatus,
    to: event.toStatus,
  };
}

/** The payload in the documented key order (jsonb keeps its own), as the body is sent. */
export function canonicalEvent(p: WebhookEventPayload): WebhookEventPayload {
  const c = p.case;
  return {
    id: p.id,
    type: p.type,
    occurredAt: p.occurredAt,
    case: {
      id: c.id,
      caseNumber: c.caseNumber,
      status: c.status,
      closureReason: c.closureReason,
      lenderResponseDueAt: c.lenderResponseDueAt,
      mediationDueAt: c.mediationDueAt,
      version: c.version,
    },
    action: p.action,
    from: p.from,
    to: p.to,
    ...(p.data ? { data: p.data } : {}),
  };
}

/** The graphile-worker task that delivers the pending events of one (endpoint, case) pair. */
export const WEBHOOK_TASK = 'webhook:deliver';

/** One queue per pair: graphile-worker runs one job of a queue at a time, so a case's events go in order. */
export const pairQueue = (endpointId: string, caseId: string) => `webhook:${endpointId}:${caseId}`;
