import { createApp } from './app';
import { ConfigError } from './common/config/config';
import { loadConfig } from './load-config';
import { openDatabase } from './database/database';
import { installProcessGuards } from './common/process-guards';
import { UsersService } from './users/users.service';

const say = (line: string) => process.stderr.write(`${line}\n`);

/** Set once the service runs: how to shut it down (exit code 0 on a signal, 1 after a crash). */
let shutDown: ((reason: string, code: number) => void) | null = null;

installProcessGuards(say, (code) =>
  shutDown ? shutDown('uncaught exception', code) : process.exit(code),
);

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      say(`configuration error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const db = await openDatabase(config, (line) => {
    // Postgres's own chatter stays out (the app reports its errors); our steps and its fatal errors come through.
    if (!line.startsWith('[postgres]') || /FATAL|PANIC/.test(line)) say(line);
  });
  const app = await createApp(config, db.dataSource);
  if (await app.get(UsersService).ensureAdmin(config.adminEmail, config.adminPassword)) {
    say(`created the first admin: ${config.adminEmail}`);
  }
  await app.listen(config.port, '0.0.0.0');
  say(`mediation service listening on ${config.publicBaseUrl} (API docs at /docs)`);

  let stopping = false;
  const stop = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    // App first (HTTP, then workers through their shutdown hooks), then the database.
    await app.close().catch((e) => say(`closing the app failed: ${String(e)}`));
    await db.close().catch((e) => say(`stopping the database failed: ${String(e)}`));
    process.exit(code);
  };
  shutDown = (reason, code) => void stop(reason, code);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  say(`start-up failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
