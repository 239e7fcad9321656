import { Injectable } from '@nestjs/common';
import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { principalScope } from '../auth/principal';
import { CaseRecord } from '../cases/case.entity';
import { toCaseResponse } from '../cases/case.mapper';
import { CaseRepository } from '../cases/case.repository';
import type { CaseResponse } from '../cases/cases.dto';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { flatten, VALIDATION_OPTIONS } from '../common/errors/validation';
import { IdempotencyService, requestHash } from '../common/idempotency/idempotency.service';
import { lineBreakErrors } from '../common/input/text.decorators';
import { CaseEvent } from './case-event.entity';
import { decide, targetOf } from './engine';
import { Transition } from './transitions';
import {
  actorOf,
  ActionContext,
  EffectHandler,
  EventActor,
  SYSTEM_ACTOR,
  TransitionListener,
} from './workflow.types';

export interface ActOptions {
  ifMatch?: number;
  idempotencyKey?: string;
  request?: { ip: string | null; userAgent: string | null };
}

/**
 * The only writer of a case's `status`. One action = one transaction: lock
 * the case, decide from the table, run the transition's named effects, write
 * status and timeline event, tell the listeners (notifications, webhooks),
 * commit. Any error rolls all of it back.
 */
@Injectable()
export class WorkflowService {
  private readonly effects = new Map<string, EffectHandler>();
  private readonly listeners: TransitionListener[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  /** A feature claims a side effect named in the transition table. */
  handleEffect(effect: string, handler: EffectHandler): void {
    if (this.effects.has(effect)) throw new Error(`effect ${effect} has two handlers`);
    this.effects.set(effect, handler);
  }

  hasEffectHandler(effect: string): boolean {
    return this.effects.has(effect);
  }

  onTransition(listener: TransitionListener): void {
    this.listeners.push(listener);
  }

  async act(
    principal: Principal,
    caseId: string,
    action: string,
    body: unknown,
    options: ActOptions = {},
  ): Promise<CaseResponse> {
    await this.expireIfDue(caseId);
    const answer = await this.dataSource.transaction(async (manager) =>
      this.idempotency.run(
        manager,
        principalScope(principal),
        options.idempotencyKey,
        requestHash(['action', caseId, action, body]),
        async () => {
          const row = await this.cases.lockVisible(manager, principal, caseId);
          if (!row) throw new AppError('CASE_NOT_FOUND', 'no such case');
          const transition = decide(principal.role, row, action);
          if (options.ifMatch !== undefined && options.ifMatch !== row.version) {
            throw new AppError(
              'PRECONDITION_FAILED',
              `the case changed (version ${row.version}, If-Match ${options.ifMatch}); read it again`,
            );
          }
          const input = await validateInput(transition, body);
          await this.apply(
            manager,
            row,
            transition,
            input,
            actorOf(principal),
            principal,
            options.request,
          );
          const after = await this.cases.reload(manager, caseId);
          return { status: 200, body: toCaseResponse(after, principal) };
        },
      ),
    );
    return answer.body as CaseResponse;
  }

  /**
   * A deadline that passed since the last sweep is acted on before anyone
   * else acts, in its own transaction, so a late answer meets a closed case.
   */
  private async expireIfDue(caseId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const due = await this.cases.lockOverdue(manager, this.clock.now(), 1, caseId);
      for (const { id, action } of due) {
        await this.applySystem(manager, await this.cases.reload(manager, id), action);
      }
    });
  }

  /** A `system` action (deadlines) on a case already locked by the caller. */
  async applySystem(manager: EntityManager, row: CaseRecord, action: string): Promise<boolean> {
    let transition: Transition;
    try {
      transition = decide('system', row, action);
    } catch (e) {
      if (e instanceof AppError && e.code === 'INVALID_TRANSITION') return false;
      throw e;
    }
    await this.apply(manager, row, transition, {}, SYSTEM_ACTOR, null);
    return true;
  }

  private async apply(
    manager: EntityManager,
    row: CaseRecord,
    transition: Transition,
    input: Record<string, unknown>,
    actor: EventActor,
    principal: Principal | null,
    request: ActOptions['request'] = { ip: null, userAgent: null },
  ): Promise<void> {
    const now = this.clock.now();
    const ctx: ActionContext = {
      manager,
      principal,
      actor,
      case: row,
      input,
      transition,
      now,
      request,
    };
    const changes: Partial<CaseRecord> = {};
    const eventData: Record<string, unknown> = {};
    let complete = true;
    for (const effect of transition.effects) {
      const handler = this.effects.get(effect);
      if (!handler) throw new Error(`no handler for the effect ${effect} of ${transition.action}`);
      const outcome = await handler(ctx);
      if (!outcome) continue;
      Object.assign(changes, outcome.changes);
      Object.assign(eventData, outcome.eventData);
      if (outcome.complete === false) complete = false;
    }
    const from = row.status;
    const to = targetOf(transition, from, complete);
    await manager.update(CaseRecord, row.id, {
      ...changes,
      status: to,
      ...(to !== from && transition.closureReason
        ? { closureReason: transition.closureReason }
        : {}),
      version: row.version + 1,
      updatedAt: now,
    });
    const event = await manager.save(
      CaseEvent,
      manager.create(CaseEvent, {
        caseId: row.id,
        action: transition.action,
        fromStatus: from,
        toStatus: to,
        actorRole: actor.role,
        actorUserId: actor.userId,
        actorApiKeyId: actor.apiKeyId,
        actorOrganizationId: actor.organizationId,
        input: Object.keys(eventData).length ? { ...input, ...eventData } : input,
        createdAt: now,
      }),
    );
    const after = await this.cases.reload(manager, row.id);
    for (const listener of this.listeners) {
      await listener({
        manager,
        case: after,
        from,
        event,
        transition,
        actor,
        input,
        eventData,
        now,
      });
    }
  }
}

/** Validates an action's body against the DTO its table row names (same rules as the global pipe). */
async function validateInput(t: Transition, body: unknown): Promise<Record<string, unknown>> {
  const raw = body === undefined || body === null || body === '' ? {} : body;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw AppError.validation([{ field: 'body', message: 'must be a JSON object' }]);
  }
  if (!t.input) {
    if (Object.keys(raw).length)
      throw AppError.validation([{ field: 'body', message: 'must be empty' }]);
    return {};
  }
  const dto = plainToInstance(t.input, raw);
  const errors = [...(await validate(dto, VALIDATION_OPTIONS)), ...lineBreakErrors(dto)];
  if (errors.length) throw AppError.validation(flatten(errors));
  return instanceToPlain(dto) as Record<string, unknown>;
}
