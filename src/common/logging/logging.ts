import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { describeError, safeError } from './safe-error';

/**
 * Structured JSON request logs. Only the method, the path (never the query
 * string) and the status are logged; credentials are redacted and bodies are
 * never logged, so no password, token or ID number reaches the log. A logged
 * error goes through `safeError`: a failed query's parameters, PostgreSQL's
 * row detail and quoted values never reach the log either.
 */
export function loggingParams(level: string, stream?: DestinationStream): Params {
  const options = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
      remove: true,
    },
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: safeError,
    },
    hooks: {
      // pino takes a logged error's own message as the line's `msg`: take the scrubbed one.
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        const [first, message] = args;
        const err = (first as { err?: unknown } | null)?.err;
        if (err instanceof Error && (message === undefined || message === err.message)) {
          return method.apply(this, [first, describeError(err), ...args.slice(2)]);
        }
        return method.apply(this, args);
      },
    },
    customSuccessMessage: (req: IncomingMessage, res: { statusCode: number }) =>
      `${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode}`,
  };
  return { pinoHttp: stream ? [options, stream] : options };
}
