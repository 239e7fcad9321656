import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { Task } from 'graphile-worker';
import { poolOf } from '../common/pg-pool';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { quietJobLogger } from './job-logger';
import { WorkerSupervisor } from './worker-supervisor';

export interface EnqueueOptions {
  /** Not before this instant. */
  runAt?: Date;
  /** At most one pending job per key: adding again replaces it (a moved reminder). */
  jobKey?: string;
  /** Jobs of one queue run one at a time, in order. */
  queueName?: string;
  maxAttempts?: number;
}

/** Which run of a job this is: `attempt` is 1 on the first run and `maxAttempts` on the last. */
export interface JobRun {
  attempt: number;
  maxAttempts: number;
}

export type JobHandler = (payload: Record<string, unknown>, run: JobRun) => Promise<void>;

/**
 * The durable job queue: graphile-worker on our PostgreSQL. Jobs are added
 * with SQL in the caller's transaction, so a rollback drops them and a commit
 * keeps them; the worker runs each at least once, so every handler is idempotent.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandler>();
  private supervisor: WorkerSupervisor | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Features register their tasks in `onModuleInit`. */
  register(task: string, handler: JobHandler): void {
    if (this.handlers.has(task)) throw new Error(`job task ${task} registered twice`);
    this.handlers.set(task, handler);
  }

  async enqueue(
    manager: EntityManager,
    task: string,
    payload: Record<string, unknown>,
    options: EnqueueOptions = {},
  ): Promise<void> {
    await manager.query(
      `SELECT graphile_worker.add_job($1, $2::json, queue_name => $3, run_at => $4,
         max_attempts => $5, job_key => $6)`,
      [
        task,
        JSON.stringify(payload),
        options.queueName ?? null,
        options.runAt ?? null,
        options.maxAttempts ?? 25,
        options.jobKey ?? null,
      ],
    );
  }

  /** Removes a pending job by its key (a cancelled session's reminder). */
  async removeByKey(manager: EntityManager, jobKey: string): Promise<void> {
    await manager.query('SELECT graphile_worker.remove_job($1)', [jobKey]);
  }

  /** Makes every pending job of these tasks due now (an admin's "retry now", tests). */
  async runNow(manager: EntityManager, tasks: string[]): Promise<number> {
    const rows: { id: string }[] = await manager.query(
      `SELECT j.id FROM graphile_worker.jobs j WHERE j.task_identifier = ANY($1) AND j.locked_at IS NULL`,
      [tasks],
    );
    if (rows.length === 0) return 0;
    await manager.query(`SELECT graphile_worker.reschedule_jobs($1::bigint[], run_at => now())`, [
      rows.map((r) => r.id),
    ]);
    return rows.length;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runWorker) return;
    const taskList: Record<string, Task> = {};
    for (const [name, handler] of this.handlers) {
      taskList[name] = (payload, helpers) =>
        handler((payload ?? {}) as Record<string, unknown>, {
          attempt: helpers.job.attempts,
          maxAttempts: helpers.job.max_attempts,
        });
    }
    // The supervisor restarts the worker after a database outage (graphile-worker gives up).
    this.supervisor = new WorkerSupervisor(
      poolOf(this.dataSource),
      {
        taskList,
        concurrency: 4,
        pollInterval: 1000,
        noHandleSignals: true,
        logger: quietJobLogger((level, message) =>
          level === 'error' ? this.logger.error(message) : this.logger.warn(message),
        ),
      },
      this.logger,
    );
    await this.supervisor.start();
  }

  /** Stops taking jobs and waits for those running, before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    const supervisor = this.supervisor;
    this.supervisor = null;
    await supervisor?.stop();
  }
}
