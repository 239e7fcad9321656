import type { CaseRecord } from '../cases/case.entity';
import type { CaseEvent } from '../cases/case-event.entity';

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
}

/**
 * A case event as its webhook: a transition's type is `case.<action>`; an event that is not a
 * transition (the 司法确认 steps after settlement) names its own (`judicial_confirmation.updated`).
 */
export function toWebhookEvent(
  c: CaseRecord,
  event: CaseEvent,
  type = `case.${event.action}`,
): WebhookEventPayload {
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
  };
}

/** The graphile-worker task that delivers the pending events of one (endpoint, case) pair. */
export const WEBHOOK_TASK = 'webhook:deliver';

/** One queue per pair: graphile-worker runs one job of a queue at a time, so a case's events go in order. */
export const pairQueue = (endpointId: string, caseId: string) => `webhook:${endpointId}:${caseId}`;
