import { spawn, spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Starts one real PostgreSQL for the whole run (in a child process, see
 * test-database.ts) and migrates a template database; each test file clones
 * it (CREATE DATABASE … TEMPLATE) so files run in parallel on their own rows.
 */
/**
 * The seal's tests check each signed PDF with poppler's pdfsig, which npm cannot install. On
 * a Debian machine where the tests run as root (CI's, this one's), the setup installs it as
 * `.ci/run` does; elsewhere it says so now, not mid-run.
 */
function ensurePdfsig(): void {
  const present = () => !spawnSync('pdfsig', ['-v']).error;
  if (present()) return;
  const apt = !spawnSync('apt-get', ['--version']).error;
  if (apt && process.getuid?.() === 0) {
    process.stderr.write('pdfsig (poppler) is missing: apt-get install -y poppler-utils\n');
    const opts: SpawnSyncOptions = { stdio: ['ignore', 'ignore', 'inherit'] };
    spawnSync('apt-get', ['update', '-qq'], opts);
    spawnSync('apt-get', ['install', '-y', '-qq', 'poppler-utils'], {
      ...opts,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (present()) return;
  }
  throw new Error('the tests need pdfsig (poppler): apt-get install -y poppler-utils');
}

export default async function globalSetup(): Promise<void> {
  // The suite runs on the Node that npm install fetched (node_modules/.bin/node): say which.
  process.stderr.write(`\ntests run on Node ${process.version} (${process.execPath})\n`);
  ensurePdfsig();
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
