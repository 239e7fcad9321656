import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import { JobsService } from '../jobs/jobs.service';
import type {
  CloseUnsuccessfulDto,
  OptionalReasonDto,
  RescheduleSessionDto,
  ScheduleSessionDto,
} from '../workflow/actions.dto';
import { WorkflowService } from '../workflow/workflow.service';
import type { ActionContext, EffectOutcome } from '../workflow/workflow.types';
import { MediationSession } from './session.entity';
import type { SessionStatus } from './session.entity';
import { SessionRepository } from './session.repository';
import { checkPlace, checkSlot, reminderTime, toZonedIso } from './session-rules';

export const SESSION_REMINDER_TASK = 'session_reminder';
export const reminderKey = (sessionId: string) => `reminder:${sessionId}`;

/**
 * The session effects of the transition table: booking, moving, cancelling and holding the
 * case's session, and queueing its reminder, all in the action's transaction. The calendar
 * invite (`session:invite`) rides on the action's mails: see SessionMail.
 */
@Injectable()
export class SessionEffects implements OnModuleInit {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly sessions: SessionRepository,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const w = this.workflow;
    w.handleEffect('session:create', (ctx) => this.create(ctx));
    w.handleEffect('session:move', (ctx) => this.move(ctx));
    w.handleEffect('session:cancel', (ctx) => this.cancel(ctx));
    w.handleEffect('session:invite', async () => undefined);
    w.handleEffect('session:reminder', (ctx) => this.scheduleReminder(ctx));
    w.handleEffect('session:held', (ctx) => this.hold(ctx));
  }

  private async create(ctx: ActionContext): Promise<EffectOutcome> {
    const { manager, case: c, now } = ctx;
    const input = ctx.input as unknown as ScheduleSessionDto;
    const slot = checkSlot(input, now, c.mediationDueAt);
    const place = checkPlace(input);
    if (!slot.slot || !place.place) throw AppError.validation([...slot.errors, ...place.errors]);
    const mediatorId = c.mediatorId!;
    const { startsAt, endsAt } = slot.slot;
    const saved = await this.sessions.claimSlot(
      manager,
      { mediatorId, startsAt, endsAt, sessionId: null },
      () =>
        manager.save(
          MediationSession,
          manager.create(MediationSession, {
            caseId: c.id,
            mediatorId,
            startsAt,
            endsAt,
            ...place.place,
            status: 'scheduled',
            minutes: null,
            sequence: 0,
            cancelReason: null,
            remindedAt: null,
            createdAt: now,
            updatedAt: now,
          }),
        ),
    );
    return { eventData: { sessionId: saved.id } };
  }

  private async move(ctx: ActionContext): Promise<EffectOutcome> {
    const { manager, case: c, now } = ctx;
    const input = ctx.input as unknown as RescheduleSessionDto;
    const s = await this.scheduled(manager, c.id);
    const mode = input.mode ?? s.mode;
    const same = mode === s.mode;
    const slot = checkSlot(input, now, c.mediationDueAt);
    const place = checkPlace({
      mode,
      location: input.location ?? (same ? s.location : null),
      meetingUrl: input.meetingUrl ?? (same ? s.meetingUrl : null),
    });
    if (!slot.slot || !place.place) throw AppError.validation([...slot.errors, ...place.errors]);
    const { startsAt, endsAt } = slot.slot;
    await this.sessions.claimSlot(
      manager,
      { mediatorId: s.mediatorId, startsAt, endsAt, sessionId: s.id },
      () =>
        manager.update(MediationSession, s.id, {
          startsAt,
          endsAt,
          ...place.place,
          sequence: s.sequence + 1,
          remindedAt: null,
          updatedAt: now,
        }),
    );
    return {
      eventData: {
        sessionId: s.id,
        previousStartsAt: toZonedIso(s.startsAt),
        previousEndsAt: toZonedIso(s.endsAt),
      },
    };
  }

  /** cancel_session; and withdraw / expire_term, whose case may have no session booked. */
  private async cancel(ctx: ActionContext): Promise<EffectOutcome | void> {
    const { manager, case: c, now, transition } = ctx;
    const s = await this.sessions.lockScheduled(manager, c.id);
    if (!s) {
      if (transition.action === 'cancel_session') throw new Error('no scheduled session to cancel');
      return;
    }
    const reason =
      (ctx.input as unknown as OptionalReasonDto).reason ??
      (transition.action === 'withdraw' ? 'the case was withdrawn' : 'the mediation term expired');
    await this.end(manager, s, 'cancelled', now, { cancelReason: reason });
    return { eventData: { sessionId: s.id } };
  }

  /**
   * adjourn, draft_agreement, close_unsuccessful: the session took place; its minutes are kept.
   * Closing before a booked session has begun, with a reason and no minutes, cancels it instead:
   * it never took place, and the participants' calendars should drop it.
   */
  private async hold(ctx: ActionContext): Promise<EffectOutcome | void> {
    const { manager, case: c, now, transition } = ctx;
    const input = ctx.input as unknown as CloseUnsuccessfulDto;
    if (transition.action === 'close_unsuccessful' && !input.minutes && !input.reason) {
      throw AppError.validation([
        { field: 'minutes', message: 'minutes or reason is required' },
        { field: 'reason', message: 'minutes or reason is required' },
      ]);
    }
    const s = await this.sessions.lockScheduled(manager, c.id);
    // close_unsuccessful from awaiting_session: no session is booked; the timeline keeps the input.
    if (!s) return;
    if (!input.minutes && input.reason && now.getTime() < s.startsAt.getTime()) {
      await this.end(manager, s, 'cancelled', now, { cancelReason: input.reason });
    } else {
      await this.end(manager, s, 'held', now, { minutes: input.minutes ?? null });
    }
    return { eventData: { sessionId: s.id } };
  }

  private async end(
    manager: EntityManager,
    s: MediationSession,
    status: Exclude<SessionStatus, 'scheduled'>,
    now: Date,
    fields: Partial<Pick<MediationSession, 'minutes' | 'cancelReason'>>,
  ): Promise<void> {
    await manager.update(MediationSession, s.id, {
      status,
      ...fields,
      // A calendar applies a CANCEL only with a higher SEQUENCE than the invite it holds.
      sequence: status === 'cancelled' ? s.sequence + 1 : s.sequence,
      updatedAt: now,
    });
    await this.jobs.removeByKey(manager, reminderKey(s.id));
  }

  /** Queues (or, for a moved session, replaces) the reminder of the case's booked session. */
  private async scheduleReminder({ manager, case: c, now }: ActionContext): Promise<void> {
    const s = await this.scheduled(manager, c.id);
    const at = reminderTime(s.startsAt, this.config.sessionReminderBefore.toMillis(), now);
    if (!at) {
      await this.jobs.removeByKey(manager, reminderKey(s.id));
      return;
    }
    await this.jobs.enqueue(
      manager,
      SESSION_REMINDER_TASK,
      { sessionId: s.id, startsAt: s.startsAt.toISOString() },
      { runAt: at, jobKey: reminderKey(s.id), maxAttempts: 10 },
    );
  }

  private async scheduled(manager: EntityManager, caseId: string): Promise<MediationSession> {
    const s = await this.sessions.lockScheduled(manager, caseId);
    // The state machine guarantees it: session_scheduled ⇔ one scheduled session.
    if (!s) throw new Error(`case ${caseId} has no scheduled session`);
    return s;
  }
}
