import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { CaseDeadlinesService, startsPeriod } from '../cases/case-deadlines.service';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { JobRun, JobsService } from '../jobs/jobs.service';
import { MailOutboxRepository } from './mail-outbox.repository';
import {
  describeFailure,
  isPermanentFailure,
  mailJobKey,
  retryDelayMs,
  SEND_MAIL_TASK,
  toMessage,
} from './mail-message';

/** How long a sender holds a mail it claimed; longer than any one SMTP conversation may take. */
const HOLD_MS = 5 * 60_000;
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * Delivers the outbox over SMTP, one `send_mail` job per row. At least once: the job is
 * retried with graphile-worker's backoff until MAIL_MAX_ATTEMPTS, then the row is `dead`
 * for an admin to retry. The conditional claim keeps two instances (or two jobs) from
 * sending one row at the same time; a crash after the server accepted a mail but before
 * the row says so sends it again, under the same Message-ID.
 */
@Injectable()
export class MailSender implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Mail');
  private transport: Transporter | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly outbox: MailOutboxRepository,
    private readonly deadlines: CaseDeadlinesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SEND_MAIL_TASK, (payload, run) =>
      this.deliver(String(payload.outboxId), run),
    );
  }

  /**
   * Mail left without a job (kept back while SMTP_URL was unset, or whose sender died on its
   * last attempt) gets one at start, so setting SMTP_URL and restarting sends it.
   */
  async onApplicationBootstrap(): Promise<void> {
    const m = this.dataSource.manager;
    if (!this.config.smtpUrl) {
      const n = await this.outbox.pendingCount(m);
      if (n > 0) this.logger.log(`${n} mail(s) kept in the outbox: SMTP_URL is unset`);
      return;
    }
    await this.dataSource.transaction(async (tx) => {
      const ids = await this.outbox.orphans(tx, mailJobKey);
      for (const id of ids) await this.enqueue(tx, id);
      if (ids.length) this.logger.log(`queued ${ids.length} mail(s) waiting in the outbox`);
    });
  }

  /** Queues delivery of one outbox row, in the caller's transaction; one job per row (by key). */
  enqueue(manager: EntityManager, outboxId: string, runAt?: Date): Promise<void> {
    return this.jobs.enqueue(
      manager,
      SEND_MAIL_TASK,
      { outboxId },
      { jobKey: mailJobKey(outboxId), maxAttempts: this.config.mailMaxAttempts, runAt },
    );
  }

  async deliver(id: string, run: JobRun): Promise<void> {
    const m = this.dataSource.manager;
    const row = await this.outbox.find(m, id);
    if (!row || row.status === 'sent' || row.status === 'dead') return;
    if (!this.config.smtpUrl) {
      // Development without a mail server: the row stays pending, no attempt is spent.
      this.logger.log(
        `mail kept in outbox, SMTP_URL unset: ${row.kind} to ${row.toAddress}: ${row.subject}`,
      );
      return;
    }
    const claimed = await this.outbox.claim(m, id, HOLD_MS);
    if (!claimed) {
      const held = await this.outbox.find(m, id);
      // Another sender holds it: look again when its hold runs out, spending no attempt.
      if (held?.status === 'sending' && held.lockedUntil) {
        await this.enqueue(m, id, held.lockedUntil);
      }
      return;
    }
    try {
      await this.transporter().sendMail(
        toMessage(claimed, this.config.mailFrom, this.config.dataDir),
      );
    } catch (e) {
      const error = describeFailure(e);
      const last = isPermanentFailure(e) || run.attempt >= run.maxAttempts;
      await this.outbox.markFailed(
        m,
        id,
        error,
        last ? 'dead' : new Date(Date.now() + retryDelayMs(run.attempt)),
      );
      if (last) {
        this.logger.error(
          `mail ${id} (${claimed.kind}) given up after attempt ${run.attempt}: ${error}`,
        );
        return;
      }
      this.logger.warn(`mail ${id} (${claimed.kind}) attempt ${run.attempt} failed: ${error}`);
      throw e;
    }
    // Accepted by the mail server: the moment a notice it carries is served (docs/deadlines.md).
    const at = this.clock.now();
    const separator = claimed.kind.lastIndexOf('.');
    const action = claimed.kind.slice(0, separator);
    const party = claimed.kind.slice(separator + 1);
    await this.dataSource.transaction(async (tx) => {
      await this.outbox.markSent(tx, id, at);
      if (claimed.caseId && startsPeriod(action, party)) {
        await this.deadlines.noticeDelivered(tx, {
          caseId: claimed.caseId,
          action,
          party,
          channel: 'mail',
          at,
          reference: id,
        });
      }
    });
  }

  private transporter(): Transporter {
    this.transport ??= createTransport({ url: this.config.smtpUrl!, ...SMTP_TIMEOUTS });
    return this.transport;
  }
}
