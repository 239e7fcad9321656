/**
 * How long to wait before the next attempt after `attempts` failed ones:
 * 30 s, doubling, at most 6 h (30 s, 1 min, 2 min, … 2 h 8 min, 4 h 16 min, 6 h).
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}
