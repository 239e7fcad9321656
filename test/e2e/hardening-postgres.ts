/**
 * A PostgreSQL of the outage test's own, run as a child process so the test
 * can kill its postmaster without touching the suite's shared server.
 * Usage: hardening-postgres.ts <dataDir> <port>. Prints `READY <url>` once the
 * `outage` database exists; stops the server on SIGTERM.
 */
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres(dataDir, () => undefined, Number(port));
  process.on('SIGTERM', () => {
    // A killed postmaster never answers stop(): give it a few seconds, then go anyway.
    setTimeout(() => process.exit(0), 5000).unref();
    void pg
      .stop()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  });
  // Gone with the test: a killed jest leaves no server behind.
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.kill(process.pid, 'SIGTERM');
    }
  }, 1000).unref();
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'outage'`);
  if (found.rowCount === 0) await admin.query('CREATE DATABASE outage');
  await admin.end();
  process.stdout.write(`READY ${pg.url.replace(/\/postgres$/, '/outage')}\n`);
  setInterval(() => undefined, 1 << 30);
}

main().catch((e) => {
  process.stderr.write(`outage postgres failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
