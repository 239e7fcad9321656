import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgreementVersion } from '../agreements/agreement-version.entity';
import { CalendarService } from '../calendar/calendar.service';
import { deadlineInstant } from '../calendar/deadline';
import type { DeadlineDerivation } from '../calendar/deadline';
import { JobsService } from '../jobs/jobs.service';
import {
  JUDICIAL_CONFIRMATION_PERIOD,
  JUDICIAL_REMINDER_TASK,
  REMINDER_DAYS_BEFORE,
  reminderAt,
  reminderJobKey,
} from './judicial-deadline';
import { JudicialRepository } from './judicial.repository';

/** The 30 days of a settled case, as counted from its sealed version. */
export interface JudicialClockReading {
  version: AgreementVersion;
  deadline: DeadlineDerivation;
  deadlineAt: Date;
}

/**
 * The 30-day clock of the 司法确认 hand-off, in one place: counted from the version in force
 * (its seal), and its two reminders queued as keyed jobs. The seal starts it (`judicial:start_clock`
 * of confirm_agreement's row), asking counts it again and queues the same keys (so nothing is
 * queued twice), and a reminder of a case nobody asked for yet reads it here.
 */
@Injectable()
export class JudicialClock {
  constructor(
    private readonly repo: JudicialRepository,
    private readonly calendar: CalendarService,
    private readonly jobs: JobsService,
  ) {}

  /** Null when the case has no sealed version (not settled). */
  async read(m: EntityManager, caseId: string): Promise<JudicialClockReading | null> {
    const version = await this.repo.sealedVersion(m, caseId);
    if (!version?.sealedAt) return null;
    const deadline = await this.calendar.deadline(
      version.sealedAt,
      JUDICIAL_CONFIRMATION_PERIOD,
      m,
    );
    return { version, deadline, deadlineAt: deadlineInstant(deadline) };
  }

  /** Both reminders that still lie ahead, keyed per case and lead: queuing again replaces. */
  async queueReminders(
    m: EntityManager,
    caseId: string,
    deadline: DeadlineDerivation,
    now: Date,
  ): Promise<void> {
    for (const daysBefore of REMINDER_DAYS_BEFORE) {
      const runAt = reminderAt(deadline, daysBefore);
      if (runAt.getTime() <= now.getTime()) continue;
      await this.jobs.enqueue(
        m,
        JUDICIAL_REMINDER_TASK,
        { caseId, daysBefore },
        { runAt, jobKey: reminderJobKey(caseId, daysBefore) },
      );
    }
  }
}
