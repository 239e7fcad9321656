import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { toMailSession } from './session-mail';
import { SESSION_REMINDER_TASK } from './session.effects';
import { SessionRepository } from './session.repository';

/**
 * Sends a session's reminder from its durable job (queued by `session:reminder` in the
 * booking's transaction, so it survives restarts and runs once the service is back). The job
 * may run more than once, or late: it reminds only of a session still booked at the time the
 * job was queued for, that has not begun and whose participants were not reminded yet —
 * recorded in the same transaction as the outbox mails.
 */
@Injectable()
export class SessionReminders implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly sessions: SessionRepository,
    private readonly cases: CaseRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SESSION_REMINDER_TASK, async (payload) => {
      await this.send(payload);
    });
  }

  /** Returns whether a reminder went out. */
  async send(payload: Record<string, unknown>): Promise<boolean> {
    const { sessionId, startsAt } = payload;
    if (typeof sessionId !== 'string' || typeof startsAt !== 'string') return false;
    return this.dataSource.transaction(async (manager) => {
      const s = await this.sessions.lockById(manager, sessionId);
      const now = this.clock.now();
      if (
        !s ||
        s.status !== 'scheduled' ||
        s.remindedAt ||
        s.startsAt.getTime() !== Date.parse(startsAt) ||
        s.startsAt.getTime() <= now.getTime()
      ) {
        return false;
      }
      const c = await this.cases.reload(manager, s.caseId);
      await this.notifications.notifyCaseParticipants(
        manager,
        c,
        SESSION_REMINDER_TASK,
        ['borrower', 'lender', 'mediator'],
        { mail: { session: toMailSession(s, c.locale) }, now },
      );
      await this.sessions.update(manager, s.id, { remindedAt: now });
      return true;
    });
  }
}
