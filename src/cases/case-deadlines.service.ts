import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { CaseActionsService } from './case-actions.service';
import { CaseEffectRegistry } from './case-effect.registry';
import { CaseRepository } from './case.repository';
import { PeriodicTask } from '../common/periodic-task';

const BATCH = 100;
const DAY_MS = 86_400_000;

/**
 * The case's deadlines: set by the table's `deadline:*` effects, and acted on when they
 * pass. Every instance sweeps every DEADLINE_SWEEP_MS; `FOR UPDATE SKIP LOCKED` and the
 * state check under the lock make each deadline act exactly once.
 */
@Injectable()
export class CaseDeadlinesService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('Deadlines');
  private loop: PeriodicTask | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly actions: CaseActionsService,
    private readonly effects: CaseEffectRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const window = this.config.lenderResponseWindow.toMillis();
    const term = this.config.mediationTerm.toMillis();
    this.effects.handle('deadline:lender_response', async ({ now }) => ({
      changes: { lenderResponseDueAt: new Date(now.getTime() + window) },
    }));
    this.effects.handle('deadline:mediation_term', async ({ now }) => ({
      changes: { mediationDueAt: new Date(now.getTime() + term) },
    }));
    this.effects.handle('deadline:extend_term', async ({ case: c, input }) => {
      const base = c.mediationDueAt ?? this.clock.now();
      return {
        changes: {
          mediationDueAt: new Date(base.getTime() + input.days * DAY_MS),
          termExtended: true,
        },
      };
    });
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
      if (n < BATCH) return closed;
    }
  }
}
