import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { CALENDAR_ZONE } from '../calendar/calendar-date';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { JobsService } from '../jobs/jobs.service';
import type { PlanInstallment } from './plan-installment.entity';

export const PLAN_REMINDER_TASK = 'plan_reminder';
export const PLAN_LATE_TASK = 'plan_late';

/** One pending job per installment and task: queued again (a restart, a retry) it replaces itself. */
export const reminderKey = (installmentId: string) => `plan-reminder:${installmentId}`;
export const lateKey = (installmentId: string) => `plan-late:${installmentId}`;

/** 09:00 Beijing, `days` before the due date: a reminder read in the morning, not at midnight. */
export function reminderInstant(dueDate: string, days: number): Date {
  return DateTime.fromISO(dueDate, { zone: CALENDAR_ZONE })
    .minus({ days })
    .set({ hour: 9 })
    .toJSDate();
}

/**
 * 00:00 Beijing of the first day the installment is more than `graceDays` late: due on 15
 * January with 15 grace days, it is 15 days late on the 30th and late from the 31st.
 */
export function lateInstant(dueDate: string, graceDays: number): Date {
  return DateTime.fromISO(dueDate, { zone: CALENDAR_ZONE })
    .plus({ days: graceDays + 1 })
    .toJSDate();
}

/**
 * The plan's durable jobs, on the job queue the session reminders use: per installment a
 * reminder before its due date and a check for lateness after its grace days, queued in the
 * transaction that makes the plan. A job run early (its time is the service's clock, the queue
 * runs on the database's) queues itself again for its time.
 */
@Injectable()
export class PlanSchedule {
  constructor(
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get reminderDays(): number {
    return this.config.planReminderDays;
  }

  async plan(m: EntityManager, installments: PlanInstallment[], graceDays: number): Promise<void> {
    for (const i of installments) {
      await this.reminder(m, i.id, reminderInstant(i.dueDate, this.reminderDays));
      await this.lateCheck(m, i.id, lateInstant(i.dueDate, graceDays));
    }
  }

  reminder(m: EntityManager, installmentId: string, runAt: Date): Promise<void> {
    return this.jobs.enqueue(
      m,
      PLAN_REMINDER_TASK,
      { installmentId },
      { runAt, jobKey: reminderKey(installmentId) },
    );
  }

  lateCheck(m: EntityManager, installmentId: string, runAt: Date): Promise<void> {
    return this.jobs.enqueue(
      m,
      PLAN_LATE_TASK,
      { installmentId },
      { runAt, jobKey: lateKey(installmentId) },
    );
  }
}
