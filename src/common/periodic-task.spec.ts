import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries a failing run with backoff, says so once, and goes back to its interval', async () => {
    const lines: string[] = [];
    const log = {
      log: (m: string) => lines.push(`log ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
    };
    const outcomes = [false, false, false, true, true];
    const runs: number[] = [];
    const task = new PeriodicTask(
      'sweep',
      60_000,
      async () => {
        runs.push(Date.now());
        if (!(outcomes.shift() ?? true))
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      log,
    );
    const start = Date.now();
    task.start();
    for (let i = 0; i < 5; i++) await jest.advanceTimersByTimeAsync(60_000);
    await task.stop();
    const gaps = runs.map((t, i) => t - (i === 0 ? start : runs[i - 1]));
    expect(gaps[0]).toBe(60_000);
    // 0.5–1 s, then 1–2 s, then 2–4 s: sooner than the interval while failing.
    expect(gaps[1]).toBeGreaterThanOrEqual(500);
    expect(gaps[1]).toBeLessThanOrEqual(1000);
    expect(gaps[2]).toBeLessThanOrEqual(2000);
    expect(gaps[3]).toBeLessThanOrEqual(4000);
    expect(gaps[4]).toBe(60_000);
    expect(lines).toEqual([
      'warn sweep failed: Error ECONNREFUSED: connect ECONNREFUSED; retrying with backoff',
      'log sweep works again',
    ]);
  });

  it('stops: no run after stop()', async () => {
    const run = jest.fn(async () => undefined);
    const task = new PeriodicTask('sweep', 1000, run, {
      log: () => undefined,
      warn: () => undefined,
    });
    task.start();
    await jest.advanceTimersByTimeAsync(1000);
    await task.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
