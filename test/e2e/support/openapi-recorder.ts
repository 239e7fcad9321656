import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** One exchange as the OpenAPI examples are drawn from it (src/cli/openapi-examples.ts). */
export interface RecordedExchange {
  method: string;
  /** The route as the document names it; an action's route with the action filled in. */
  path: string;
  status: number;
  request?: unknown;
  response: unknown;
}

const isJsonBody = (v: unknown) => typeof v === 'object' && v !== null && !Buffer.isBuffer(v);

/**
 * OPENAPI_EXAMPLES=<folder>: every JSON answer of the API in this test process is appended
 * to `<folder>/<pid>.jsonl`, with the request body of the successful ones. Off otherwise.
 */
export function recordApiExchanges(app: NestFastifyApplication): void {
  const dir = process.env.OPENAPI_EXAMPLES;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}.jsonl`);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (req, reply, payload) => {
      const route = req.routeOptions.url;
      const type = String(reply.getHeader('content-type') ?? '');
      // A 204 has no body to show, but the request it answered is the operation's example.
      const noContent = reply.statusCode === 204 && isJsonBody(req.body);
      const json = typeof payload === 'string' && type.includes('json');
      if (!route?.startsWith('/api/v1/') || (!json && !noContent)) return payload;
      const params: unknown = req.params;
      const action =
        typeof params === 'object' && params !== null ? Reflect.get(params, 'action') : undefined;
      let path = route.replace(/:(\w+)/g, '{$1}');
      if (typeof action === 'string') path = path.replace('{action}', action);
      const exchange: RecordedExchange = {
        method: req.method,
        path,
        status: reply.statusCode,
        ...(reply.statusCode < 300 && isJsonBody(req.body) ? { request: req.body } : {}),
        response: json ? JSON.parse(String(payload)) : null,
      };
      appendFileSync(file, `${JSON.stringify(exchange)}\n`);
      return payload;
    });
}
