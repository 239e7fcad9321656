import { Clock } from '../../src/common/clock';

export const DAY_MS = 86_400_000;

/**
 * A clock the test moves forward, so that a seven-day window passes without waiting: periods are
 * whole days (LENDER_RESPONSE_WINDOW=7wd or P7D), never the seconds a test could sleep through.
 */
export class MovableClock extends Clock {
  private offsetMs = 0;

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Jumps to an instant (e.g. `2026-09-29T16:40:00+08:00`) and runs on from there. */
  setTo(at: Date | string): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }
}
