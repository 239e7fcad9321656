import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

/**
 * Structured JSON request logs. Only the method, the path (never the query
 * string) and the status are logged; credentials are redacted and bodies are
 * never logged, so no password, token or ID number reaches the log.
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
    },
    customSuccessMessage: (req: IncomingMessage, res: { statusCode: number }) =>
      `${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode}`,
  };
  return { pinoHttp: stream ? [options, stream] : options };
}
