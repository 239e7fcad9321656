import { EventEmitter } from 'node:events';
import { makeWorkerUtils, run, Runner, RunnerOptions, WorkerEvents } from 'graphile-worker';
import type { Pool } from 'pg';
import { Backoff, backoffDelay } from '../common/backoff';
import { describeError } from '../common/logging/safe-error';

export interface SupervisorLog {
  log(message: string): void;
  warn(message: string): void;
}

const RESTART_BACKOFF: Backoff = { minMs: 1000, maxMs: 30_000 };
/** How long a pool that began shutting down by itself may take before a new one starts anyway. */
const SHUTDOWN_GRACE_MS = 15_000;

/**
 * Keeps graphile-worker running through database outages.
 *
 * graphile-worker gives up on a pool when it cannot record a job's outcome
 * (`completeJobs`/`failJobs` fail while the database is gone): the pool shuts
 * down and its `promise` rejects. Unwatched, that rejection ended the process;
 * watched, the worker is simply gone. Here the outcome is batched, so a
 * failure to record it ends the pool through that promise (not as a stray
 * rejection), and the pool is started again with backoff until the database
 * answers; a pool whose shutdown hangs (on that same database) is given up
 * after SHUTDOWN_GRACE_MS. The jobs the dead pool held locked are unlocked first, so they run
 * again now rather than when their lock expires four hours later (jobs run at
 * least once: every handler is idempotent).
 */
export class WorkerSupervisor {
  private runner: Runner | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopping = false;
  /** Worker and pool ids of pools that died, whose locks are released before the next start. */
  private readonly orphans = new Set<string>();

  constructor(
    private readonly pgPool: Pool,
    private readonly options: Omit<RunnerOptions, 'pgPool' | 'events'>,
    private readonly logger: SupervisorLog,
  ) {}

  /** Starts the worker; a failure is retried in the background, never thrown. */
  async start(): Promise<void> {
    await this.launch();
  }

  /** Stops taking jobs and waits for those running. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const runner = this.runner;
    this.runner = null;
    await runner?.stop().catch(() => undefined);
  }

  private async launch(): Promise<void> {
    this.timer = null;
    if (this.stopping) return;
    try {
      await this.unlockOrphans();
      const ids = new Set<string>();
      const events: WorkerEvents = new EventEmitter();
      events.on('pool:create', ({ workerPool }) => ids.add(workerPool.id));
      events.on('worker:create', ({ worker }) => ids.add(worker.workerId));
      const runner = await run({
        ...this.options,
        pgPool: this.pgPool,
        events,
        // Batched (at once): a failure to record an outcome ends the pool through its promise.
        preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      });
      if (this.stopping) {
        await runner.stop().catch(() => undefined);
        return;
      }
      this.runner = runner;
      if (this.failures > 0) this.logger.log('job worker running again');
      this.failures = 0;
      this.watch(runner, ids, events);
    } catch (e) {
      this.retryLater(e);
    }
  }

  /**
   * The pool is over when its promise settles; as its shutdown can hang on a database that is
   * gone, it is also over some seconds after it began shutting down by itself.
   */
  private watch(runner: Runner, ids: Set<string>, events: WorkerEvents): void {
    let over = false;
    const ended = (error: unknown) => {
      if (over) return;
      over = true;
      if (this.runner === runner) this.runner = null;
      if (this.stopping) return;
      for (const id of ids) this.orphans.add(id);
      this.retryLater(error ?? new Error('the worker pool stopped by itself'));
    };
    runner.promise.then(
      () => ended(null),
      (e: unknown) => ended(e),
    );
    const dying = (error?: unknown) => {
      if (this.stopping || over) return;
      setTimeout(
        () => ended(error ?? new Error('the worker pool is shutting down')),
        SHUTDOWN_GRACE_MS,
      ).unref();
    };
    events.on('pool:fatalError', ({ error }) => dying(error));
    events.on('pool:gracefulShutdown', () => dying());
    events.on('pool:forcefulShutdown', () => dying());
  }

  private retryLater(error: unknown): void {
    const delay = backoffDelay(this.failures, RESTART_BACKOFF);
    // The first failure of a streak is worth a line; the rest only repeat it.
    if (this.failures === 0) {
      this.logger.warn(`job worker stopped: ${describeError(error)}; restarting with backoff`);
    }
    this.failures++;
    this.timer = setTimeout(() => void this.launch(), delay);
    this.timer.unref();
  }

  private async unlockOrphans(): Promise<void> {
    if (this.orphans.size === 0) return;
    const utils = await makeWorkerUtils({ pgPool: this.pgPool, logger: this.options.logger });
    try {
      await utils.forceUnlockWorkers([...this.orphans]);
      this.orphans.clear();
    } finally {
      await utils.release();
    }
  }
}
