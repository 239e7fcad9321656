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
import { JudicialClock } from './judicial-clock';
import { JudicialRepository } from './judicial.repository';

const FILED = ['applied', 'confirmed', 'refused'];

/**
 * Reminds both parties 7 and 2 days before the 30 days to apply run out, from durable jobs
 * queued when the agreement took effect, whether anyone asks or not, and queued again (the same
 * keys) when the hand-off is asked for (so a restart loses none, and one that fell due while
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
    private readonly clock: JudicialClock,
    private readonly time: Clock,
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
      if (!c) return false;
      // Asked for: the request's own clock; not yet: the clock the seal started.
      const j = await this.repo.find(m, caseId);
      if (j && FILED.includes(j.status)) return false;
      const clock = j || c.status !== 'settled' ? null : await this.clock.read(m, caseId);
      const reading = j
        ? { deadline: j.deadline, deadlineAt: j.deadlineAt, court: j.courtName }
        : clock && { ...clock, court: clock.version.document.mediationCenter.courtName };
      if (!reading) return false;
      const now = this.time.now();
      const due = reminderAt(reading.deadline, lead);
      if (now.getTime() < due.getTime()) {
        await this.jobs.enqueue(m, JUDICIAL_REMINDER_TASK, payload, {
          runAt: due,
          jobKey: reminderJobKey(caseId, lead),
        });
        return false;
      }
      if (now.getTime() >= reading.deadlineAt.getTime()) return false;
      if (!(await this.repo.claimReminder(m, caseId, lead, now))) return false;
      await this.notifications.notifyCaseParticipants(
        m,
        c,
        JUDICIAL_REMINDER_TASK,
        ['borrower', 'lender'],
        {
          input: {
            daysLeft: String(lead),
            deadline: formatDeadline(reading.deadlineAt, c.locale),
            period: describeDeadline(reading.deadline, c.locale, { from: 'date' }),
            court: reading.court,
            borrowerJoined: (j?.borrowerJoinedAt ?? null) !== null,
            lenderJoined: (j?.lenderJoinedAt ?? null) !== null,
          },
          now,
        },
      );
      return true;
    });
  }
}
