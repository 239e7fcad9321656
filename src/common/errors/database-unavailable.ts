import { AppError } from './app-error';

/** What a client is told to wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Operating-system errors of a connection that cannot be made or was cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that say the server, not the statement, is the problem: class 08
 * (connection exception), 57P01–57P03 (shut down, crashed, starting up) and
 * 53300 (too many connections).
 */
const SERVER_STATES = /^(08...|57P0[123]|53300)$/;

/** node-postgres reports these without a code. */
const CLIENT_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|terminating connection/i;

/**
 * Whether an error means "the database cannot be reached right now" rather
 * than "this request is wrong" or "this is a bug". Looks through TypeORM's
 * `driverError`, `cause` and an AggregateError's `errors` (a dual-stack connect).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SERVER_STATES.test(e.code))) {
    return true;
  }
  if (typeof e.message === 'string' && CLIENT_MESSAGES.test(e.message)) return true;
  // TypeORM releases a query runner whose connection broke; the transaction's next statement
  // (its COMMIT or ROLLBACK) then fails with this instead of the connection error.
  if (e.name === 'QueryRunnerAlreadyReleasedError') return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) {
    return true;
  }
  return (
    isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1)
  );
}

/** The one answer while the database is unreachable: 503 with Retry-After, never 401 or 500. */
export function databaseUnavailable(): AppError {
  return new AppError(
    'SERVICE_UNAVAILABLE',
    'the service is temporarily unavailable; try again shortly',
    { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
  );
}
