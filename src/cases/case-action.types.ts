import type { EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import type { ChangeEffectName, EffectInput } from '../workflow/effects';
import type { TransitionRow } from '../workflow/transitions';
import type { CaseEvent } from './case-event.entity';
import type { CaseRecord } from './case.entity';
import type { MailExtra } from './case-mail';

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
  /** Validated against the transition's input DTO. */
  input: I;
  transition: TransitionRow;
  now: Date;
  request: { ip: string | null; userAgent: string | null };
  /** What the effects before this one recorded for the event (e.g. the `sessionId` booked). */
  prior: Readonly<Record<string, unknown>>;
  /**
   * What this effect's preparation made before the case was locked (CaseEffectRegistry.prepare),
   * if it has one and it ran; the handler checks it still fits the locked case before using it.
   */
  prepared?: unknown;
}

/**
 * What an effect's preparation sees: the case as the caller may see it, read without a lock,
 * before the transaction. It may do slow work whose result the handler then checks and uses.
 */
export interface PrepareContext<I = Record<string, unknown>> {
  manager: EntityManager;
  principal: Principal;
  case: CaseRecord;
  input: I;
  now: Date;
}

export interface EffectOutcome {
  /** Case columns to write together with the status. */
  changes?: Partial<CaseRecord>;
  /** Facts to add to the event beside the input (a new agreement version, a session id). */
  eventData?: Record<string, unknown>;
  /** What the transition's mails carry because of this effect. */
  mail?: MailExtra;
}

export type EffectPreparation<E extends ChangeEffectName> = (
  ctx: PrepareContext<EffectInput<E>>,
) => Promise<unknown>;

export type EffectHandler<E extends ChangeEffectName> = (
  ctx: ActionContext<EffectInput<E>>,
) => Promise<EffectOutcome | void>;

/** A transition once its status and event are written, still inside its transaction. */
export interface TransitionRecord {
  manager: EntityManager;
  /** The case after the transition. */
  case: CaseRecord;
  from: string;
  event: CaseEvent;
  transition: TransitionRow;
  actor: EventActor;
  input: Record<string, unknown>;
  eventData: Record<string, unknown>;
  mail: MailExtra;
  now: Date;
}

export type AnnouncementHandler = (record: TransitionRecord) => Promise<void>;
