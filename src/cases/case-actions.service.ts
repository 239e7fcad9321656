import { Injectable } from '@nestjs/common';
import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { principalScope } from '../access/principal';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { flatten, VALIDATION_OPTIONS } from '../common/errors/validation';
import { isAnnouncement } from '../workflow/effects';
import type { ChangeEffectName } from '../workflow/effects';
import { decide, targetOf } from '../workflow/engine';
import { TERMINAL_STATUSES } from '../workflow/states';
import type { CaseStatus } from '../workflow/states';
import { transitionFor } from '../workflow/transitions';
import type { InputClass, SystemAction, TransitionRow } from '../workflow/transitions';
import { actorOf, SYSTEM_ACTOR } from './case-action.types';
import type { ActionContext, EventActor, PrepareContext } from './case-action.types';
import { CaseRepository } from './case.repository';
import { CaseEffectRegistry } from './case-effect.registry';
import { CaseEventRepository } from './case-event.repository';
import { mergeMailExtra } from './case-mail';
import type { MailExtra } from './case-mail';
import type { CaseRecord } from './case.entity';
import { AccessLogService } from './access-log.service';
import { toCaseResponse } from './case.mapper';
import type { CaseResponse } from './case-response.dto';
import { IdempotencyService, requestHash } from './idempotency.service';
import { lineBreakErrors } from '../common/input/text.decorators';

export interface ActOptions {
  ifMatch?: number;
  idempotencyKey?: string;
  request?: { ip: string | null; userAgent: string | null };
}

/**
 * The only writer of a case's `status`. One action = one transaction: lock the case,
 * decide from the table, validate the input, run the transition's effects, write status
 * and timeline event, announce it (notifications, webhooks), commit. Any error rolls all
 * of it back.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly effects: CaseEffectRegistry,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly accessLog: AccessLogService,
  ) {}

  async act(
    principal: Principal,
    caseId: string,
    action: string,
    body: unknown,
    options: ActOptions = {},
  ): Promise<CaseResponse> {
    await this.expireIfDue(caseId);
    const prepared = await this.prepare(principal, caseId, action, body);
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
          const after = await this.apply(
            manager,
            row,
            transition,
            input,
            actorOf(principal),
            principal,
            { ip: null, userAgent: null, ...options.request },
            prepared,
          );
          await this.accessLog.recordCaseRead(principal, [caseId], 'case_action', manager);
          return { status: 200, body: toCaseResponse(after, principal) };
        },
      ),
    );
    return answer.body as CaseResponse;
  }

  /**
   * Runs the preparations of the action's effects (CaseEffectRegistry.prepare) on the case as
   * the caller sees it, before any lock. Whatever would refuse the action (no such case, not
   * allowed now, bad input) skips them: the locked run refuses it again, with its answer.
   */
  private async prepare(
    principal: Principal,
    caseId: string,
    action: string,
    body: unknown,
  ): Promise<Map<string, unknown>> {
    const prepared = new Map<string, unknown>();
    const row = transitionFor(action);
    const effects = (row?.effects ?? []).filter(
      (e): e is ChangeEffectName => !isAnnouncement(e) && !!this.effects.preparation(e),
    );
    if (!row || !effects.length) return prepared;
    const manager = this.dataSource.manager;
    const seen = await this.cases.findVisible(manager, principal, caseId);
    if (!seen) return prepared;
    const c = await this.cases.reload(manager, caseId);
    let input: Record<string, unknown>;
    try {
      decide(principal.role, c, action);
      input = await validateInput(row, body);
    } catch (e) {
      if (e instanceof AppError) return prepared;
      throw e;
    }
    for (const effect of effects) {
      const preparation = this.effects.preparation(effect)!;
      const ctx: PrepareContext = { manager, principal, case: c, input, now: this.clock.now() };
      // The input was validated against this transition's DTO, one of the effect's inputs.
      prepared.set(effect, await preparation(ctx as PrepareContext<never>));
    }
    return prepared;
  }

  /**
   * A deadline that passed since the last sweep is acted on before anyone else acts, in its
   * own transaction, so a late answer meets a closed case.
   */
  private async expireIfDue(caseId: string): Promise<void> {
    // Nearly always nothing is due: asked first without a transaction or a lock.
    const now = this.clock.now();
    if (!(await this.cases.isOverdue(this.dataSource.manager, now, caseId))) return;
    await this.dataSource.transaction(async (manager) => {
      const due = await this.cases.lockOverdue(manager, now, 1, caseId);
      for (const { id, action } of due) await this.applySystem(manager, id, action);
    });
  }

  /**
   * A `system` action (deadlines, service of notices) on a case the caller has locked; false
   * when the case's state no longer allows it. `input` is built by the service, not a caller.
   */
  async applySystem(
    manager: EntityManager,
    caseId: string,
    action: SystemAction,
    input: Record<string, unknown> = {},
  ): Promise<boolean> {
    const row = await this.cases.reload(manager, caseId);
    let transition: TransitionRow;
    try {
      transition = decide('system', row, action);
    } catch (e) {
      if (e instanceof AppError && e.code === 'INVALID_TRANSITION') return false;
      throw e;
    }
    await this.apply(manager, row, transition, input, SYSTEM_ACTOR, null, {
      ip: null,
      userAgent: null,
    });
    return true;
  }

  private async apply(
    manager: EntityManager,
    row: CaseRecord,
    transition: TransitionRow,
    input: Record<string, unknown>,
    actor: EventActor,
    principal: Principal | null,
    request: ActionContext['request'],
    prepared: ReadonlyMap<string, unknown> = new Map(),
  ): Promise<CaseRecord> {
    const now = this.clock.now();
    const changes: Partial<CaseRecord> = {};
    const eventData: Record<string, unknown> = {};
    let mail: MailExtra = {};
    for (const effect of transition.effects) {
      if (isAnnouncement(effect)) continue;
      const ctx: ActionContext = {
        manager,
        principal,
        actor,
        case: row,
        input,
        transition,
        now,
        request,
        prior: { ...eventData },
        prepared: prepared.get(effect),
      };
      // The input was validated against this transition's DTO, one of the effect's inputs.
      const outcome = await this.effects.change(effect)(ctx as ActionContext<never>);
      if (!outcome) continue;
      Object.assign(changes, outcome.changes);
      Object.assign(eventData, outcome.eventData);
      mail = mergeMailExtra(mail, outcome.mail);
    }
    const from = row.status;
    const to = targetOf(transition, from);
    const closureReason = 'closureReason' in transition ? transition.closureReason : undefined;
    await this.cases.writeTransition(manager, row.id, {
      ...changes,
      status: to,
      ...(to !== from && closureReason ? { closureReason } : {}),
      ...milestones(transition.action, from, to, now),
      version: row.version + 1,
      updatedAt: now,
    });
    const event = await this.events.append(manager, {
      caseId: row.id,
      action: transition.action,
      from,
      to,
      actor,
      input: Object.keys(eventData).length ? { ...input, ...eventData } : input,
      at: now,
    });
    const after = await this.cases.reload(manager, row.id);
    for (const effect of transition.effects) {
      if (!isAnnouncement(effect)) continue;
      await this.effects.announcement(effect)({
        manager,
        case: after,
        from,
        event,
        transition,
        actor,
        input,
        eventData,
        mail,
        now,
      });
    }
    // The announcements write notifications, mail and webhooks, never the case: this is its row.
    return after;
  }
}

/** The milestones the statistics read from the row (migration 1796540000000): each set once. */
function milestones(action: string, from: CaseStatus, to: CaseStatus, now: Date) {
  const closes = TERMINAL_STATUSES.includes(to) && !TERMINAL_STATUSES.includes(from);
  const answers = action === 'lender_accept' || action === 'lender_decline';
  return {
    ...(closes ? { closedAt: now } : {}),
    ...(answers ? { lenderAnsweredAt: now } : {}),
  };
}

/** Validates an action's body against the DTO its table row names (same rules as the global pipe). */
async function validateInput(t: TransitionRow, body: unknown): Promise<Record<string, unknown>> {
  const raw = body === undefined || body === null || body === '' ? {} : body;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw AppError.validation([{ field: 'body', message: 'must be a JSON object' }]);
  }
  if (!t.input) {
    if (Object.keys(raw).length)
      throw AppError.validation([{ field: 'body', message: 'must be empty' }]);
    return {};
  }
  const inputClass: InputClass = t.input;
  const dto = plainToInstance(inputClass, raw);
  const errors = [...(await validate(dto, VALIDATION_OPTIONS)), ...lineBreakErrors(dto)];
  if (errors.length) throw AppError.validation(flatten(errors));
  return instanceToPlain(dto);
}
