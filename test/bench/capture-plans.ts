import { join } from 'node:path';
import { Client } from 'pg';
import type { Operation } from './operations';
import { StatementCapture } from './pg-capture';
import { explain, OperationPlans, requestStatements } from './plans';
import { ServiceOptions, startService } from './servers';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The SQL behind each read, as the service sends it: the service is started once more with its
 * DATABASE_URL pointing at a capturing proxy, each operation's request is sent twice to warm up
 * and once to capture, and each captured read is explained on the bench's own connection with
 * the parameters that went over the wire.
 */
export async function capturePlans(
  ops: Operation[],
  options: ServiceOptions,
  databaseUrl: string,
  db: Client,
): Promise<OperationPlans[]> {
  const target = new URL(databaseUrl);
  const capture = new StatementCapture();
  // A URL over the Unix socket (`?host=/dir`): the proxy reaches the same server over TCP.
  const socket = target.searchParams.has('host');
  const port = await capture.listen({
    host: socket ? '127.0.0.1' : target.hostname,
    port: Number(target.port || 5432),
  });
  const via = new URL(databaseUrl);
  via.searchParams.delete('host');
  via.hostname = '127.0.0.1';
  via.port = String(port);
  const service = await startService({
    ...options,
    viaUrl: via.toString(),
    logFile: join(options.dataDir, '..', 'service-capture.log'),
  });
  const base = `http://127.0.0.1:${options.port}`;
  const out: OperationPlans[] = [];
  try {
    for (const op of ops) {
      const [[request]] = await op.sequences(0);
      const send = async () => {
        const res = await fetch(`${base}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
        });
        await res.arrayBuffer();
        if (res.status >= 300)
          throw new Error(`${request.path} answered ${res.status} while capturing its SQL`);
      };
      await send();
      await send();
      await pause(50);
      capture.take();
      await send();
      await pause(100);
      const statements = await explain(db, requestStatements(capture.take()));
      out.push({ key: op.key, label: op.label, path: request.path, statements });
    }
  } finally {
    await service.stop();
    await capture.close();
  }
  return out;
}
