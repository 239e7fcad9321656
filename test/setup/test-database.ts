/**
 * The test run's PostgreSQL, run as a child of jest's global setup so it loads
 * in plain Node (ESM packages included). Prints `READY <json>` once the
 * template database is migrated; stops Postgres on SIGTERM or when jest dies.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { installJobSchema } from '../../src/jobs/job-schema';

const TEMPLATE_DB = 'mediation_template';

async function main() {
  const root = process.argv[2];
  mkdirSync(root, { recursive: true, mode: 0o755 });
  const log = (line: string) =>
    writeFileSync(join(root, 'postgres.log'), line + '\n', { flag: 'a' });
  // pg_stat_statements for the bench harness's test of its statement counts (test/bench).
  const pg = await startEmbeddedPostgres(join(root, 'data'), log, undefined, {
    preload: ['pg_stat_statements'],
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await pg.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      void stop();
    }
  }, 1000).unref();

  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  // Many test files each open a few connections.
  await admin.query(`ALTER SYSTEM SET max_connections = 300`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = pg.url.replace(/\/postgres$/, `/${TEMPLATE_DB}`);
  const ds = new DataSource(dataSourceOptions(templateUrl, 2));
  await ds.initialize();
  await migrate(ds);
  await ds.destroy();
  await installJobSchema(templateUrl);
  process.stdout.write(`READY ${JSON.stringify({ adminUrl: pg.url, template: TEMPLATE_DB })}\n`);
  setInterval(() => undefined, 1 << 30);
}

main().catch((e) => {
  process.stderr.write(`test database failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
