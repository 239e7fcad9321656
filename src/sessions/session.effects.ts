import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseRecord } from '../cases/case.entity';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import { JobsService } from '../jobs/jobs.service';
import type { ActionContext, EffectOutcome } from '../cases/case-action.types';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { CaseConsentRepository } from '../cases/case-consent.repository';
import type { EffectInput } from '../workflow/effects';
import { allowedActions } from '../workflow/engine';
import { SessionMail, toMailSession } from './session-mail';
import { MediationSession } from './session.entity';
import type { SessionStatus } from './session.entity';
import { SessionRepository } from './session.repository';
import { checkPlace, checkSlot, reminderTime, toZonedIso } from './session-rules';

export const SESSION_REMINDER_TASK = 'session_reminder';
export const reminderKey = (sessionId: string) => `reminder:${sessionId}`;

type Ctx<E extends Parameters<CaseEffectRegistry['handle']>[0]> = ActionContext<EffectInput<E>>;

/**
 * The session effects of the transition table: booking, moving, cancelling and holding the
 * case's session, queueing its reminder, and the calendar invite on the action's mails, all
 * in the action's transaction. Each effect puts the session on the action's mails.
 */
@Injectable()
export class SessionEffects implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffectRegistry,
    private readonly sessions: SessionRepository,
    private readonly consents: CaseConsentRepository,
    private readonly mail: SessionMail,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const e = this.effects;
    e.handle('session:create', (ctx) => this.create(ctx));
    e.handle('session:move', (ctx) => this.move(ctx));
    e.handle('session:cancel', (ctx) => this.cancel(ctx));
    e.handle('session:invite', (ctx) => this.invite(ctx));
    e.handle('session:reminder', (ctx) => this.scheduleReminder(ctx));
    e.handle('session:held', (ctx) => this.hold(ctx));
  }

  /** Online mediation needs the borrower's consent in force (人民法院在线调解规则): else 400 on `mode`. */
  private async assertModeConsented(
    manager: EntityManager,
    caseId: string,
    mode: string,
  ): Promise<void> {
    if (mode !== 'online') return;
    if ((await this.consents.inForce(manager, caseId)).has('onlineMediation')) return;
    throw AppError.validation([
      {
        field: 'mode',
        message:
          'must be offline: the borrower has not consented to online mediation for this case',
      },
    ]);
  }

  private async create(ctx: Ctx<'session:create'>): Promise<EffectOutcome> {
    const { manager, case: c, now, input } = ctx;
    await this.assertModeConsented(manager, c.id, input.mode);
    const slot = checkSlot(input, now, c.mediationDueAt);
    const place = checkPlace(input);
    if (!slot.slot || !place.place) throw AppError.validation([...slot.errors, ...place.errors]);
    const mediatorId = c.mediatorId;
    // The state machine guarantees it: a case is past review (a mediator assigned) here.
    if (!mediatorId) throw new Error(`case ${c.id} has no mediator`);
    const { startsAt, endsAt } = slot.slot;
    const saved = await this.sessions.claimSlot(
      manager,
      { mediatorId, startsAt, endsAt, sessionId: null },
      () =>
        this.sessions.insert(manager, {
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
    );
    return { eventData: { sessionId: saved.id }, mail: this.mailOf(c, saved) };
  }

  private async move(ctx: Ctx<'session:move'>): Promise<EffectOutcome> {
    const { manager, case: c, now, input } = ctx;
    const s = await this.scheduled(manager, c.id);
    const mode = input.mode ?? s.mode;
    const same = mode === s.mode;
    await this.assertModeConsented(manager, c.id, mode);
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
        this.sessions.update(manager, s.id, {
          startsAt,
          endsAt,
          ...place.place,
          sequence: s.sequence + 1,
          remindedAt: null,
          updatedAt: now,
        }),
    );
    const moved = await this.scheduled(manager, c.id);
    return {
      eventData: {
        sessionId: s.id,
        previousStartsAt: toZonedIso(s.startsAt),
        previousEndsAt: toZonedIso(s.endsAt),
      },
      mail: this.mailOf(c, moved),
    };
  }

  /** cancel_session; and withdraw / expire_term, whose case may have no session booked. */
  private async cancel(ctx: Ctx<'session:cancel'>): Promise<EffectOutcome | void> {
    const { manager, case: c, now, transition, input } = ctx;
    const s = await this.sessions.lockScheduled(manager, c.id);
    if (!s) {
      if (transition.action === 'cancel_session') throw new Error('no scheduled session to cancel');
      return;
    }
    const reason =
      ('reason' in input ? input.reason : undefined) ??
      (transition.action === 'withdraw' ? 'the case was withdrawn' : 'the mediation term expired');
    await this.end(manager, s, 'cancelled', now, { cancelReason: reason });
    return { eventData: { sessionId: s.id }, mail: this.mailOf(c, s) };
  }

  /**
   * adjourn, draft_agreement, close_unsuccessful: the session took place; its minutes are kept.
   * Closing before a booked session has begun, with a reason and no minutes, cancels it instead:
   * it never took place, and the participants' calendars should drop it.
   */
  private async hold(ctx: Ctx<'session:held'>): Promise<EffectOutcome | void> {
    const { manager, case: c, now, transition } = ctx;
    const input: { minutes?: string; reason?: string } = ctx.input;
    if (transition.action === 'close_unsuccessful' && !input.minutes && !input.reason) {
      throw AppError.validation([
        { field: 'minutes', message: 'minutes or reason is required' },
        { field: 'reason', message: 'minutes or reason is required' },
      ]);
    }
    const s = await this.sessions.lockScheduled(manager, c.id);
    // close_unsuccessful from awaiting_session: no session is booked; the timeline keeps the input.
    if (!s) return;
    if (transition.action === 'draft_agreement' && now.getTime() < s.startsAt.getTime()) {
      // An agreement records what the session produced: none exists before it has begun.
      const role = ctx.principal?.role ?? 'mediator';
      throw new AppError(
        'INVALID_TRANSITION',
        `the session starts at ${toZonedIso(s.startsAt)}: an agreement can be drafted once it has started`,
        {
          currentStatus: c.status,
          allowedActions: allowedActions(role, c).filter((a) => a !== 'draft_agreement'),
          sessionStartsAt: toZonedIso(s.startsAt),
        },
      );
    }
    if (!input.minutes && input.reason && now.getTime() < s.startsAt.getTime()) {
      await this.end(manager, s, 'cancelled', now, { cancelReason: input.reason });
    } else {
      await this.end(manager, s, 'held', now, { minutes: input.minutes ?? null });
    }
    return { eventData: { sessionId: s.id }, mail: this.mailOf(c, s) };
  }

  /**
   * The calendar entry on the action's mails: an invite (REQUEST) for the session the earlier
   * effects booked or moved, a cancellation (CANCEL) for the one they called off; nothing for
   * a session that was held or when there was none.
   */
  private async invite(ctx: Ctx<'session:invite'>): Promise<EffectOutcome | void> {
    const id = ctx.prior.sessionId;
    if (typeof id !== 'string') return;
    const s = await this.sessions.findById(ctx.manager, id);
    if (!s || s.status === 'held') return;
    const method = s.status === 'scheduled' ? 'REQUEST' : 'CANCEL';
    return { mail: { attachments: [this.mail.invite(ctx.case, s, method)] } };
  }

  private mailOf(c: CaseRecord, s: MediationSession) {
    return { session: toMailSession(s, c.locale) };
  }

  private async end(
    manager: EntityManager,
    s: MediationSession,
    status: Exclude<SessionStatus, 'scheduled'>,
    now: Date,
    fields: Partial<Pick<MediationSession, 'minutes' | 'cancelReason'>>,
  ): Promise<void> {
    await this.sessions.update(manager, s.id, {
      status,
      ...fields,
      // A calendar applies a CANCEL only with a higher SEQUENCE than the invite it holds.
      sequence: status === 'cancelled' ? s.sequence + 1 : s.sequence,
      updatedAt: now,
    });
    await this.jobs.removeByKey(manager, reminderKey(s.id));
  }

  /** Queues (or, for a moved session, replaces) the reminder of the case's booked session. */
  private async scheduleReminder({
    manager,
    case: c,
    now,
  }: Ctx<'session:reminder'>): Promise<void> {
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
