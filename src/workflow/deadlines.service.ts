import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { PeriodicTask } from '../common/periodic-task';
import type { ExtendTermDto } from './actions.dto';
import { WorkflowService } from './workflow.service';
import type { ActionContext } from './workflow.types';

const BATCH = 100;

/**
 * Closes cases whose lender-response window or mediation term has passed.
 * Every instance sweeps every DEADLINE_SWEEP_MS; `FOR UPDATE SKIP LOCKED` and
 * the state check under the lock make each deadline act exactly once.
 */
@Injectable()
export class DeadlinesService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('Deadlines');
  private loop: PeriodicTask | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.workflow.handleEffect(
      'deadline:extend_term',
      async ({ case: c, input }: ActionContext) => {
        const { days } = input as unknown as ExtendTermDto;
        const base = c.mediationDueAt ?? this.clock.now();
        return {
          changes: {
            mediationDueAt: new Date(base.getTime() + days * 86_400_000),
            termExtended: true,
          },
        };
      },
    );
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
          const row = await this.cases.reload(manager, id);
          if (await this.workflow.applySystem(manager, row, action)) closed++;
        }
        return due.length;
      });
      if (n < BATCH) return closed;
    }
  }
}
