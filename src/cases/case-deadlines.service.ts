import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { serviceNoticeOf } from '../workflow/service-notices';
import type { ServiceChannel } from '../workflow/service-notices';
import type { NoticeServedDto } from '../workflow/system-inputs';
import { CaseActionsService } from './case-actions.service';
import { CaseDeadlineRepository } from './case-deadline.repository';
import { CaseRepository } from './case.repository';
import { PeriodicTask } from '../common/periodic-task';

const BATCH = 100;

/** A delivered mail or webhook of a case, as the sender reports it. */
export interface NoticeDelivery {
  caseId: string;
  /** The action it told of, and to whom: a mail's kind `accept.lender`, a `case.accept` webhook. */
  action: string;
  party: string;
  channel: ServiceChannel;
  at: Date;
  /** The outbox mail or webhook delivery. */
  reference: string;
}

/** Whether a mail or webhook of `action` to `party` serves a notice that starts a period. */
export const startsPeriod = (action: string, party: string) => !!serviceNoticeOf(action, party);

/**
 * The case's deadlines: issued and started by the `deadline:*` effects (CaseDeadlineEffects),
 * started by the delivery of their notices (noticeDelivered), and acted on once they passed
 * 24:00 of their last day. Every instance sweeps every DEADLINE_SWEEP_MS; `FOR UPDATE SKIP
 * LOCKED` and the state check under the lock make each deadline act exactly once.
 */
@Injectable()
export class CaseDeadlinesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  private loop: PeriodicTask | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly actions: CaseActionsService,
    private readonly deadlines: CaseDeadlineRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A notice was delivered: the mail accepted by the SMTP server, or the webhook answered 2xx.
   * If it is the notice that starts a period (`SERVICE_NOTICES`) and the first delivery of it,
   * the service is recorded on the case and its timeline (`record_*_service`) and the period
   * starts from `at`. Call it in the transaction that records the delivery, so the two stand
   * or fall together. True when this delivery served the notice.
   */
  async noticeDelivered(manager: EntityManager, delivery: NoticeDelivery): Promise<boolean> {
    const notice = serviceNoticeOf(delivery.action, delivery.party);
    if (!notice) return false;
    const c = await this.cases.lockById(manager, delivery.caseId);
    const deadline = c?.deadlines?.find((d) => d.kind === notice.deadline);
    if (!c || !deadline || deadline.servedAt) return false;
    const input: NoticeServedDto = {
      channel: delivery.channel,
      deliveredAt: delivery.at.toISOString(),
      reference: delivery.reference,
    };
    if (await this.actions.applySystem(manager, c.id, notice.record, { ...input })) return true;
    // The case moved on before the notice arrived (the lender answered in the app, or the case
    // closed): the service is kept, and no period starts.
    await this.deadlines.serve(manager, c.id, notice.deadline, {
      at: delivery.at,
      via: delivery.channel,
      derivation: null,
    });
    return true;
  }

  onApplicationBootstrap(): void {
    if (!this.config.runWorker) return;
    // Retried with backoff while the database is down; never an unhandled rejection.
    this.loop = new PeriodicTask(
      'deadline sweep',
      this.config.deadlineSweepMs,
      () => this.sweep(),
      this.logger,
    );
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
    this.loop = null;
    await this.running?.catch(() => undefined);
  }

  /** One sweep; returns how many cases it closed. Safe to run from any number of instances. */
  async sweep(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.sweepBatches().finally(() => (this.running = null));
    return this.running;
  }

  private async sweepBatches(): Promise<number> {
    let closed = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (manager) => {
        const due = await this.cases.lockOverdue(manager, this.clock.now(), BATCH);
        for (const { id, action } of due) {
          if (await this.actions.applySystem(manager, id, action)) closed++;
        }
        return due.length;
      });
      if (n < BATCH) break;
    }
    await this.flagProvisional();
    return closed;
  }

  /**
   * Tells the clerks, once, of each deadline counted on a year without official calendar
   * data (`flag_provisional_deadline`, in-app), whichever instance sweeps first.
   */
  private async flagProvisional(): Promise<void> {
    for (;;) {
      const n = await this.dataSource.transaction(async (manager) => {
        const ids = await this.deadlines.lockUnflagged(manager, BATCH);
        for (const id of ids)
          await this.actions.applySystem(manager, id, 'flag_provisional_deadline');
        return ids.length;
      });
      if (n < BATCH) return;
    }
  }
}
