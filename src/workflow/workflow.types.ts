import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { CaseRecord } from '../cases/case.entity';
import type { CaseEvent } from './case-event.entity';
import type { Transition } from './transitions';

/** Who took an action, as the timeline records it. */
export interface EventActor {
  role: string;
  userId: string | null;
  apiKeyId: string | null;
  organizationId: string | null;
}

export const SYSTEM_ACTOR: EventActor = {
  role: 'system',
  userId: null,
  apiKeyId: null,
  organizationId: null,
};

export const actorOf = (p: Principal): EventActor => ({
  role: p.role,
  userId: p.userId,
  apiKeyId: p.apiKeyId,
  organizationId: p.organizationId,
});

/** What an effect handler works with: everything inside the transition's transaction. */
export interface ActionContext<I = Record<string, unknown>> {
  manager: EntityManager;
  /** Null for `system` actions. */
  principal: Principal | null;
  actor: EventActor;
  /** The case, locked, as it was before the transition. */
  case: CaseRecord;
  input: I;
  transition: Transition;
  now: Date;
  request: { ip: string | null; userAgent: string | null };
}

export interface EffectOutcome {
  /** Case columns to write together with the status. */
  changes?: Partial<CaseRecord>;
  /** For a transition with `partialTo`: false keeps the case there (one signature of two). */
  complete?: boolean;
  /** Facts to add to the event beside the input (a new agreement version, a session id). */
  eventData?: Record<string, unknown>;
}

export type EffectHandler = (ctx: ActionContext) => Promise<EffectOutcome | void>;

/** Told of every committed-to-be transition, in its transaction (notifications, webhooks). */
export interface TransitionRecord {
  manager: EntityManager;
  /** The case after the transition. */
  case: CaseRecord;
  from: string;
  event: CaseEvent;
  transition: Transition;
  actor: EventActor;
  input: Record<string, unknown>;
  eventData: Record<string, unknown>;
  now: Date;
}

export type TransitionListener = (record: TransitionRecord) => Promise<void>;
