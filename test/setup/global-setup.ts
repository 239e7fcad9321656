import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Starts one real PostgreSQL for the whole run (in a child process, see
 * test-database.ts) and migrates a template database; each test file clones
 * it (CREATE DATABASE … TEMPLATE) so files run in parallel on their own rows.
 */
export default async function globalSetup(): Promise<void> {
  // The suite runs on the Node that npm install fetched (node_modules/.bin/node): say which.
  process.stderr.write(`\ntests run on Node ${process.version} (${process.execPath})\n`);
  // The seal's tests check each signed PDF with poppler's pdfsig: say so now, not mid-run.
  if (spawnSync('pdfsig', ['-v']).error) {
    throw new Error('the tests need pdfsig (poppler): apt-get install -y poppler-utils');
  }
  const root = mkdtempSync(join(tmpdir(), 'mediation-test-'));
  // Postgres runs as the `postgres` user when we are root: it must reach the folder.
  chmodSync(root, 0o755);
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', resolve(__dirname, 'test-database.ts'), root],
    { stdio: ['ignore', 'pipe', 'inherit'], cwd: resolve(__dirname, '../..') },
  );
  const info = await new Promise<{ adminUrl: string; template: string }>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) ok(JSON.parse(line.slice(6)));
    });
    child.once('exit', (code) => fail(new Error(`test database exited early (${code})`)));
  });
  process.env.TEST_PG_ADMIN_URL = info.adminUrl;
  process.env.TEST_PG_TEMPLATE = info.template;
  process.env.TEST_ROOT = root;
  (globalThis as { __testDatabase?: typeof child }).__testDatabase = child;
}
