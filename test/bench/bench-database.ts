import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import type { BenchSettings } from './bench-settings';

export interface BenchDatabase {
  /** The bench database (`bench` in the embedded cluster, or DATABASE_URL). */
  url: string;
  embedded: boolean;
  /** The embedded server's postmaster, whose CPU time the bench reads from /proc. */
  postmasterPid: number | null;
  serverVersion: string;
  /** The settings that shape the figures, as the server reports them. */
  settings: Record<string, string>;
  stop(): Promise<void>;
}

const DB_NAME = 'bench';
const REPORTED = [
  'shared_buffers',
  'work_mem',
  'max_connections',
  'effective_cache_size',
  'jit',
  'synchronous_commit',
  'max_wal_size',
  'random_page_cost',
];

/**
 * The PostgreSQL the bench runs on. Embedded: one cluster kept in BENCH_DIR/db (a folder the
 * `postgres` user can reach), started by the bench itself the way the test run starts its own,
 * so the seeded database survives between runs. With DATABASE_URL, that server as it is.
 */
export async function openBenchDatabase(s: BenchSettings): Promise<BenchDatabase> {
  let url = s.databaseUrl;
  let stop: () => Promise<void> = async () => undefined;
  let postmasterPid: number | null = null;
  if (!url) {
    mkdirSync(s.dir, { recursive: true, mode: 0o755 });
    const logFile = join(s.dir, 'postgres.log');
    // Over the Unix socket, as a database on the same machine is reached (docs/scaling.md).
    const pg = await startEmbeddedPostgres(
      join(s.dir, 'db'),
      (line) => appendFileSync(logFile, `${line}\n`),
      undefined,
      // What each pass's statements did, beside its CPU (test/bench/pg-statements.ts).
      { unixSocket: true, preload: ['pg_stat_statements'] },
    );
    stop = () => pg.stop();
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
      // Bulk loads of a million cases write a few GB of WAL: fewer forced checkpoints.
      await admin.query(`ALTER SYSTEM SET max_wal_size = '4GB'`);
      await admin.query(`SELECT pg_reload_conf()`);
    } finally {
      await admin.end();
    }
    url = pg.socketUrl!.replace(/\/postgres\?/, `/${DB_NAME}?`);
    const pidFile = readFileSync(join(s.dir, 'db', 'pg', 'postmaster.pid'), 'utf8');
    postmasterPid = Number(pidFile.split('\n')[0]);
  }
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const settings: Record<string, string> = {};
    for (const name of REPORTED) {
      settings[name] = (await db.query(`SELECT current_setting($1) AS v`, [name])).rows[0].v;
    }
    const serverVersion = (await db.query(`SHOW server_version`)).rows[0].server_version;
    return { url, embedded: !s.databaseUrl, postmasterPid, serverVersion, settings, stop };
  } finally {
    await db.end();
  }
}
