import { safeError } from './logging/safe-error';

/**
 * The last line of defence, installed by `main.ts`.
 *
 * - An unhandled rejection is one promise nobody waited for: the request or
 *   job it belonged to has already failed and nothing shared is half-changed,
 *   so it is logged and the process keeps serving (Node's default ends it).
 * - An uncaught exception was thrown from a callback or an event emitter where
 *   no code expected it, and may have left a socket, a pool or a lock in a
 *   state nothing can vouch for; Node's documentation says the process must
 *   not carry on. It is logged, the service shuts down as on SIGTERM (HTTP,
 *   worker, pool, database) and exits 1, for the supervisor (systemd
 *   `Restart=on-failure`, see the README) to start it again.
 *
 * What is logged is scrubbed like every logged error: no query parameters.
 */
export function installProcessGuards(
  say: (line: string) => void,
  shutDown: (code: number) => void,
) {
  const describe = (e: unknown) => {
    const s = safeError(e);
    return s.stack ?? `${s.type}${s.code ? ` ${s.code}` : ''}: ${s.message}`;
  };
  process.on('unhandledRejection', (reason) => {
    say(`unhandled rejection, still serving: ${describe(reason)}`);
  });
  process.on('uncaughtException', (error, origin) => {
    say(`uncaught exception (${origin}), shutting down: ${describe(error)}`);
    shutDown(1);
  });
}
