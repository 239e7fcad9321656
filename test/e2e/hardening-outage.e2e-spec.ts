import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../src/common/net';
import { borrowerRegistration } from './factories';
import { exited, healthy, ROOT, ServiceProcess, startService } from './service-process';

/**
 * The database goes away under load, twice (a killed postmaster, then an
 * immediate shutdown): the service stays up, answers 503 with Retry-After
 * (never 401, never 500) while it is gone, and serves again once it is back,
 * its job worker included.
 */

const TMP = process.env.TEST_ROOT ?? tmpdir();
const ADMIN = { email: 'admin@mediation.local', password: 'change-me-admin-2026' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Database {
  child: ChildProcess;
  url: string;
}

async function startDatabase(dataDir: string, port: number): Promise<Database> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      'test/e2e/hardening-postgres.ts',
      dataDir,
      String(port),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) ok(line.slice(6).trim());
    });
    child.once('exit', (code) => fail(new Error(`outage postgres exited (${code})`)));
  });
  return { child, url };
}

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Sample {
  name: string;
  started: number;
  ended: number;
  status: number;
  retryAfter: string | null;
  code: string | null;
}

describe('a database outage under load', () => {
  const samples: Sample[] = [];
  let base = '';
  let service: ServiceProcess;
  let db: Database;
  let dataDir = '';
  let dbPort = 0;
  let loading = true;
  let load: Promise<void> = Promise.resolve();
  let jobsLeft = '';

  async function hit(name: string, path: string, init: RequestInit = {}): Promise<void> {
    const started = Date.now();
    let status = 0;
    let retryAfter: string | null = null;
    let code: string | null = null;
    try {
      const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      const body = (await res.json().catch(() => ({}))) as { code?: string };
      code = body.code ?? null;
    } catch (e) {
      status = 0; // no answer: the process is gone or hangs
      code =
        e instanceof Error
          ? `${e.name}: ${(e.cause as Error | undefined)?.message ?? e.message}`
          : 'error';
    }
    samples.push({ name, started, ended: Date.now(), status, retryAfter, code });
  }

  async function addJobs(n: number) {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // Mail jobs for outbox rows that do not exist: each reads the outbox and completes.
      await client.query(
        `SELECT graphile_worker.add_job('send_mail', json_build_object('outboxId', gen_random_uuid(), 'load', true))
           FROM generate_series(1, $1)`,
        [n],
      );
    } finally {
      await client.end();
    }
  }

  async function loadJobsLeft(): Promise<number> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, count(locked_at)::int AS locked, max(attempts) AS attempts
           FROM graphile_worker._private_jobs WHERE payload->>'load' = 'true'`,
      );
      jobsLeft = JSON.stringify(rows[0]);
      return rows[0].n;
    } finally {
      await client.end();
    }
  }

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check().catch(() => false)) return;
      await sleep(250);
    }
    throw new Error(`timed out waiting for ${what} (${jobsLeft}); it said:\n${service.output()}`);
  }

  const health = async () =>
    (await fetch(`${base}/health`, { signal: AbortSignal.timeout(5000) })).status;

  beforeAll(async () => {
    const parent = mkdtempSync(join(TMP, 'outage-'));
    chmodSync(parent, 0o755);
    dataDir = join(parent, 'db');
    dbPort = await freePort();
    db = await startDatabase(dataDir, dbPort);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startService({
      DATABASE_URL: db.url,
      DATA_DIR: join(parent, 'data'),
      PORT: String(port),
      DEADLINE_SWEEP_MS: '250',
      // It signs up and checks a file on every pass of the load; the limits have their own tests.
      REGISTRATIONS_PER_HOUR: '100000',
      VERIFICATIONS_PER_HOUR: '100000',
      // A real process hashes at OWASP's floor, the lowest it accepts outside the test suite.
      PASSWORD_HASH_MEMORY_KIB: '19456',
      PASSWORD_HASH_TIME_COST: '2',
    });
    await healthy(port, service);
  }, 300_000);

  afterAll(async () => {
    loading = false;
    await load;
    service?.child.kill('SIGKILL');
    db?.child.kill('SIGTERM');
    if (db) await exited(db.child);
  });

  it('stays up, answers 503 while the database is gone and 200 when it is back, twice', async () => {
    const json = { 'Content-Type': 'application/json' };
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { Authorization: `Bearer ${accessToken}` };
    const org = await fetch(`${base}/api/v1/organizations`, {
      method: 'POST',
      headers: { ...json, ...auth },
      body: JSON.stringify({
        type: 'lender',
        name: '停库测试',
        contactEmail: 'lender@example.test',
      }),
    });
    const { id: orgId } = (await org.json()) as { id: string };
    const keyRes = await fetch(`${base}/api/v1/organizations/${orgId}/api-keys`, {
      method: 'POST',
      headers: { ...json, ...auth },
      body: JSON.stringify({ name: 'back office' }),
    });
    expect(keyRes.status).toBe(201);
    const { key } = (await keyRes.json()) as { key: string };

    const round = () => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('%PDF-1.7 not sealed')]), 'check.pdf');
      return Promise.all([
        hit('me', '/api/v1/auth/me', { headers: auth }),
        hit('cases by API key', '/api/v1/cases', { headers: { 'X-API-Key': key } }),
        hit('login', '/api/v1/auth/login', {
          method: 'POST',
          headers: json,
          body: JSON.stringify(ADMIN),
        }),
        hit('register', '/api/v1/auth/register', {
          method: 'POST',
          headers: json,
          body: JSON.stringify(borrowerRegistration()),
        }),
        hit('verify', '/api/v1/verify', { method: 'POST', body: form }),
      ]);
    };
    load = (async () => {
      while (loading) {
        await round();
        await sleep(50);
      }
    })();

    const kinds: ['SIGKILL', 'SIGQUIT'] = ['SIGKILL', 'SIGQUIT'];
    for (const signal of kinds) {
      await addJobs(400);
      await sleep(300); // jobs are running when the database goes
      const pid = postmasterPid(dataDir);
      process.kill(pid, signal); // SIGQUIT is what `pg_ctl stop -m immediate` sends
      await waitFor('the postmaster to go', async () => !alive(pid));
      await waitFor('/health to say 503', async () => (await health()) === 503);
      const downFrom = Date.now();
      await sleep(5000);
      await waitFor('requests while it is down', async () => {
        return samples.filter((s) => s.started >= downFrom).length >= 20;
      });
      const downUntil = Date.now();
      expect(service.child.exitCode).toBeNull();

      db.child.kill('SIGKILL');
      await exited(db.child);
      db = await startDatabase(dataDir, dbPort);
      await waitFor('/health to say 200', async () => (await health()) === 200);
      const upFrom = Date.now() + 2000;
      await waitFor('requests once it is back', async () => {
        return samples.filter((s) => s.started >= upFrom).length >= 15;
      });

      const down = samples.filter((s) => s.started >= downFrom && s.ended <= downUntil);
      const up = samples.filter((s) => s.started >= upFrom);
      expect(down.length).toBeGreaterThanOrEqual(15);
      for (const s of down) {
        expect({ name: s.name, status: s.status, code: s.code }).toEqual({
          name: s.name,
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
        });
        expect(Number(s.retryAfter)).toBeGreaterThan(0);
      }
      const expected: Record<string, number> = {
        me: 200,
        'cases by API key': 200,
        login: 200,
        register: 202,
        verify: 404,
      };
      expect(up.length).toBeGreaterThanOrEqual(15);
      for (const s of up) expect([s.name, s.status]).toEqual([s.name, expected[s.name]]);
      // The worker is back too: every job, those that were running when the database went included.
      await waitFor('the queued jobs to run', async () => (await loadJobsLeft()) === 0);
    }

    loading = false;
    await load;
    const failed = samples.filter((s) => [0, 401, 500].includes(s.status));
    expect(failed).toEqual([]);
    expect(service.child.exitCode).toBeNull();
    expect(service.output()).not.toMatch(/unhandled rejection|uncaught exception/i);
    service.child.kill('SIGINT');
    expect(await exited(service.child)).toBe(0);
  }, 600_000);
});
