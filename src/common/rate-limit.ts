import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { AppError } from './errors/app-error';
import { poolOf } from './pg-pool';

export interface LimitSpec {
  /** Requests allowed per window. */
  points: number;
  /** The window, in seconds. */
  duration: number;
}

/**
 * A PostgreSQL-backed counter (rate-limiter-flexible's table `login_attempts`, shared by every
 * limit through its key prefix), so several instances count together.
 */
export function pgLimiter(dataSource: DataSource, keyPrefix: string, spec: LimitSpec) {
  return new RateLimiterPostgres({
    storeClient: poolOf(dataSource),
    storeType: 'pool',
    tableName: 'login_attempts',
    tableCreated: true,
    keyPrefix,
    ...spec,
  });
}

/** The refusal every limit answers: 429 with `Retry-After` (the error filter sets it). */
export function tooMany(what: string, msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError('TOO_MANY_REQUESTS', `too many ${what}; try again in ${seconds} s`, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Takes one point before the work is done (atomically, in the database), so parallel
 * requests cannot all slip under the limit; a refusal is 429, a store failure propagates.
 */
export async function consumeOrRefuse(
  limiter: RateLimiterPostgres,
  key: string,
  what: string,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw tooMany(what, e.msBeforeNext);
    throw e;
  }
}
