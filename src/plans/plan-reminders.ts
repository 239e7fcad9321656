import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { beijingDate } from '../calendar/calendar-date';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { fenToYuan } from '../common/money';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PlanLifeRepository } from './plan-life.repository';
import { PlanRepository } from './plan.repository';
import { PLAN_REMINDER_TASK, PlanSchedule, reminderInstant } from './plan-schedule';

/**
 * Reminds the borrower of an installment PLAN_REMINDER_DAYS before its due date, from its
 * durable job (queued with the plan, so a reminder that fell due while the service was down goes
 * out once it is back). The job may run more than once, on two workers, or early: it sends only
 * for an installment not paid, of an active plan, on or after its reminder's day and not after
 * the due date, and only if its sent-marker was not written yet — in the same transaction as
 * the outbox mail and the in-app notice.
 */
@Injectable()
export class PlanReminders implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly life: PlanLifeRepository,
    private readonly plans: PlanRepository,
    private readonly cases: CaseRepository,
    private readonly notifications: NotificationsService,
    private readonly schedule: PlanSchedule,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(PLAN_REMINDER_TASK, async (payload) => {
      await this.send(payload);
    });
  }

  /** Returns whether a reminder went out. */
  async send(payload: Record<string, unknown>): Promise<boolean> {
    const { installmentId } = payload;
    if (typeof installmentId !== 'string') return false;
    return this.dataSource.transaction(async (m) => {
      const i = await this.life.lockInstallment(m, installmentId);
      if (!i || i.state === 'paid' || i.state === 'waived') return false;
      const plan = await this.plans.plan(m, i.caseId);
      if (!plan || plan.status !== 'active') return false;
      const now = this.clock.now();
      const at = reminderInstant(i.dueDate, this.schedule.reminderDays);
      if (now < at) {
        await this.schedule.reminder(m, i.id, at);
        return false;
      }
      // Past its due date a reminder "before" it would mislead; lateness has its own notice.
      if (beijingDate(now) > i.dueDate) return false;
      if (!(await this.life.markReminded(m, i, now))) return false;
      const c = await this.cases.reload(m, i.caseId);
      await this.notifications.notifyCaseParticipants(m, c, PLAN_REMINDER_TASK, ['borrower'], {
        input: {
          seq: i.seq,
          dueDate: i.dueDate,
          amount: fenToYuan(i.amountFen),
          unpaid: fenToYuan(i.amountFen - i.paidFen),
        },
        now,
      });
      return true;
    });
  }
}
