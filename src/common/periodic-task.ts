import { Backoff, backoffDelay } from './backoff';
import { describeError } from './logging/safe-error';

export interface PeriodicTaskLog {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * A background loop: runs `task` every `intervalMs`; after a failure (the
 * database is down) it tries again sooner, with backoff from one second up to
 * the interval, and says so once per streak rather than on every try. Runs
 * never overlap; `stop()` waits for the one under way.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly logger: PeriodicTaskLog,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => (this.running = null));
    }, delay);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      await this.task();
      if (this.failures > 0) this.logger.log(`${this.name} works again`);
      this.failures = 0;
      this.schedule(this.intervalMs);
    } catch (e) {
      if (this.failures === 0) {
        this.logger.warn(`${this.name} failed: ${describeError(e)}; retrying with backoff`);
      }
      const backoff: Backoff = { minMs: Math.min(1000, this.intervalMs), maxMs: this.intervalMs };
      this.schedule(backoffDelay(this.failures++, backoff));
    }
  }
}
