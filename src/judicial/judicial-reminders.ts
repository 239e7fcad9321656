import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { describeDeadline } from '../calendar/deadline-wording';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { JobsService } from '../jobs/jobs.service';
import { formatDeadline } from '../notifications/mail-context.builder';
import { NotificationsService } from '../notifications/notifications.service';
import {
  JUDICIAL_REMINDER_TASK,
  REMINDER_DAYS_BEFORE,
  reminderAt,
  reminderJobKey,
} from './judicial-deadline';
import { JudicialRepository } from './judicial.repository';

const FILED = ['applied', 'confirmed', 'refused'];

/**
 * Reminds both parties 7 and 2 days before the 30 days to apply run out, from durable jobs
 * queued when the hand-off was asked for (so a restart loses none, and one that fell due while
 * the service was down goes out once it is back). A job may run twice, on two instances, or
 * early: the reminder row is the claim, so each goes out once; one that runs before its time
 * puts itself back; none goes out once the application is filed or the period is over.
 */
@Injectable()
export class JudicialReminders implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly repo: JudicialRepository,
    private readonly cases: CaseRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(JUDICIAL_REMINDER_TASK, async (payload) => {
      await this.send(payload);
    });
  }

  /** Returns whether the reminder went out now. */
  async send(payload: Record<string, unknown>): Promise<boolean> {
    const { caseId, daysBefore } = payload;
    if (typeof caseId !== 'string' || !REMINDER_DAYS_BEFORE.some((n) => n === daysBefore)) {
      return false;
    }
    const lead = daysBefore as number;
    return this.dataSource.transaction(async (m) => {
      const c = await this.cases.lockById(m, caseId);
      const j = c && (await this.repo.find(m, caseId));
      if (!c || !j || FILED.includes(j.status)) return false;
      const now = this.clock.now();
      const due = reminderAt(j.deadline, lead);
      if (now.getTime() < due.getTime()) {
        await this.jobs.enqueue(m, JUDICIAL_REMINDER_TASK, payload, {
          runAt: due,
          jobKey: reminderJobKey(caseId, lead),
        });
        return false;
      }
      if (now.getTime() >= j.deadlineAt.getTime()) return false;
      if (!(await this.repo.claimReminder(m, caseId, lead, now))) return false;
      await this.notifications.notifyCaseParticipants(
        m,
        c,
        JUDICIAL_REMINDER_TASK,
        ['borrower', 'lender'],
        {
          input: {
            daysLeft: String(lead),
            deadline: formatDeadline(j.deadlineAt, c.locale),
            period: describeDeadline(j.deadline, c.locale, { from: 'date' }),
            court: j.courtName,
            borrowerJoined: j.borrowerJoinedAt !== null,
            lenderJoined: j.lenderJoinedAt !== null,
          },
          now,
        },
      );
      return true;
    });
  }
}
