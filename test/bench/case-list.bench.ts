/**
 * The case list under load: seeds BENCH_CASES cases (default 200 000; the
 * design target is 1 000 000) into a fresh embedded PostgreSQL, starts the
 * real app and drives GET /api/v1/cases with autocannon for each role's view.
 * Also prints the query plans, to show an index behind every list query.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/common/config/config';
import { dataSourceOptions, migrate } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { hashPassword } from '../../src/users/users.service';
import { installJobSchema } from '../../src/jobs/job-schema';

const PASSWORD = 'bench-password-1';

async function seed(db: Client, cases: number) {
  const hash = await hashPassword(PASSWORD);
  await db.query(`INSERT INTO organizations (id, type, name, contact_email) VALUES
    ('00000000-0000-4000-8000-000000000001', 'mediation_center', '朝阳调解中心', 'c@x.test')`);
  await db.query(`INSERT INTO organizations (id, type, name, contact_email)
    SELECT ('00000000-0000-4000-8000-0000000001' || lpad(i::text, 2, '0'))::uuid, 'lender', '贷款机构' || i, 'l' || i || '@x.test'
      FROM generate_series(1, 10) i`);
  await db.query(
    `INSERT INTO users (id, role, name, email, password_hash, organization_id) VALUES
    ('00000000-0000-4000-9000-000000000001', 'clerk', '书记员', 'clerk@bench.test', $1, '00000000-0000-4000-8000-000000000001'),
    ('00000000-0000-4000-9000-000000000002', 'lender', '贷款代表', 'lender@bench.test', $1, '00000000-0000-4000-8000-000000000101')`,
    [hash],
  );
  await db.query(
    `INSERT INTO users (id, role, name, email, password_hash, organization_id)
    SELECT ('00000000-0000-4000-a000-' || lpad(i::text, 12, '0'))::uuid, 'mediator', '调解员' || i, 'm' || i || '@bench.test', $1,
           '00000000-0000-4000-8000-000000000001' FROM generate_series(1, 20) i`,
    [hash],
  );
  const borrowers = Math.max(1, Math.floor(cases / 10));
  await db.query(
    `INSERT INTO users (id, role, name, email, password_hash, phone, id_number)
    SELECT ('00000000-0000-4000-b000-' || lpad(i::text, 12, '0'))::uuid, 'borrower', '借款人' || i, 'b' || i || '@bench.test',
           $1, '13800000000', '11010519491231002X' FROM generate_series(1, $2::int) i`,
    [hash, borrowers],
  );
  await db.query(
    `INSERT INTO cases (case_number, status, borrower_id, borrower_name, lender_organization_id, mediation_center_id,
        mediator_id, loan_contract_number, loan_principal_fen, loan_outstanding_fen, loan_overdue_since, overdue_reason,
        reason_detail, proposal, preferred_mode, locale, lender_notified_at, lender_response_due_at, mediation_due_at,
        created_at, updated_at)
     SELECT 'MED-2026-' || lpad(i::text, 7, '0'),
            (ARRAY['submitted','needs_info','lender_notified','awaiting_session','session_scheduled','settled','unsuccessful','withdrawn'])[1 + i % 8],
            ('00000000-0000-4000-b000-' || lpad((1 + i % $2::int)::text, 12, '0'))::uuid,
            '借款人' || (1 + i % $2::int),
            ('00000000-0000-4000-8000-0000000001' || lpad((1 + i % 10)::text, 2, '0'))::uuid,
            '00000000-0000-4000-8000-000000000001',
            CASE WHEN i % 8 >= 2 THEN ('00000000-0000-4000-a000-' || lpad((1 + i % 20)::text, 12, '0'))::uuid END,
            'HFQ-' || i, 1200000, 965040, DATE '2026-06-15', 'unemployment', '公司裁员', '{"installments":12,"requestWaiver":true,"note":null}',
            'online', 'zh-CN',
            CASE WHEN i % 8 >= 2 THEN now() - interval '10 days' END,
            CASE WHEN i % 8 >= 2 THEN now() + interval '7 days' END,
            CASE WHEN i % 8 >= 2 THEN now() + interval '30 days' END,
            now() - (i || ' seconds')::interval, now()
       FROM generate_series(1, $1::int) i`,
    [cases, borrowers],
  );
  await db.query('ANALYZE');
}

/** autocannon in a process of its own, so the load generator does not eat the server's CPU. */
async function loadTest(url: string, header: string, seconds: number) {
  const cli = require.resolve('autocannon/autocannon.js');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, '--json', '-c', '16', '-d', String(seconds), '-H', header, url],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
}

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Signs in on the login page, as a browser does; answers the page session's Cookie header. */
async function pageSession(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const csrfCookie = form.headers.getSetCookie().map((c) => c.split(';')[0]);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie.join('; ') },
    body: new URLSearchParams({ _csrf: token, email, password: PASSWORD }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('mediation_session='));
  if (res.status !== 303 || !session) throw new Error(`page login failed: ${res.status}`);
  return session.split(';')[0];
}

export async function benchCaseList(
  cases = Number(process.env.BENCH_CASES ?? 200_000),
  seconds = 8,
) {
  const root = mkdtempSync(join(tmpdir(), 'bench-'));
  chmodSync(root, 0o755);
  const pg = await startEmbeddedPostgres(join(root, 'data'), () => undefined);
  const url = pg.url.replace(/\/postgres$/, '/bench');
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const ds = new DataSource(dataSourceOptions(url, 10));
  await ds.initialize();
  await migrate(ds);
  await installJobSchema(url);
  const db = new Client({ connectionString: url });
  await db.connect();
  const seedStart = Date.now();
  await seed(db, cases);
  const seedMs = Date.now() - seedStart;

  const config = parseConfig({
    DATABASE_URL: url,
    JWT_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'false',
  });
  const app = await createApp(config, ds);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const tokens = {
    clerk: await login(base, 'clerk@bench.test'),
    lender: await login(base, 'lender@bench.test'),
    borrower: await login(base, 'b1@bench.test'),
    mediator: await login(base, 'm1@bench.test'),
  };
  const bearer = (token: string) => `Authorization=Bearer ${token}`;
  const scenarios: [string, string, string][] = [
    ['clerk: newest 20', bearer(tokens.clerk), '/api/v1/cases?limit=20'],
    [
      'clerk: status filter',
      bearer(tokens.clerk),
      '/api/v1/cases?limit=20&status=awaiting_session',
    ],
    ['clerk: q = case number', bearer(tokens.clerk), '/api/v1/cases?q=MED-2026-0012345'],
    [
      'clerk: q = name prefix',
      bearer(tokens.clerk),
      `/api/v1/cases?q=${encodeURIComponent('借款人123')}`,
    ],
    ['lender: own organisation', bearer(tokens.lender), '/api/v1/cases?limit=20'],
    ['mediator: assigned', bearer(tokens.mediator), '/api/v1/cases?limit=20'],
    ['borrower: own cases', bearer(tokens.borrower), '/api/v1/cases?limit=20'],
    // The first page a signed-in borrower sees: session, list and render (target < 100 ms).
    ['borrower page: GET /cases', `Cookie=${await pageSession(base, 'b1@bench.test')}`, '/cases'],
  ];
  const results = [];
  for (const [name, header, path] of scenarios) {
    const r = await loadTest(base + path, header, seconds);
    results.push({
      scenario: name,
      'req/s': Math.round(r.requests.average),
      'p50 ms': r.latency.p50,
      'p99 ms': r.latency.p99,
      errors: r.errors + r.non2xx,
    });
  }
  const plans: string[] = [];
  const explain = async (label: string, sql: string, params: unknown[]) => {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    plans.push(
      `${label}: ${rows
        .map((r) => r['QUERY PLAN'].trim())
        .slice(0, 3)
        .join(' / ')}`,
    );
  };
  await explain(
    'clerk',
    `SELECT id FROM cases WHERE mediation_center_id = $1 ORDER BY created_at DESC, id DESC LIMIT 21`,
    ['00000000-0000-4000-8000-000000000001'],
  );
  await explain(
    'lender',
    `SELECT id FROM cases WHERE lender_organization_id = $1 AND lender_notified_at IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT 21`,
    ['00000000-0000-4000-8000-000000000101'],
  );
  await explain('name prefix', `SELECT id FROM cases WHERE borrower_name LIKE $1 LIMIT 21`, [
    '借款人123%',
  ]);
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  await app.close();
  await db.end();
  if (ds.isInitialized) await ds.destroy();
  await pg.stop();
  rmSync(root, { recursive: true, force: true });
  return { cases, seedMs, results, plans, rssMb };
}

if (require.main === module) {
  benchCaseList().then((r) => {
    console.log(`case list over ${r.cases} cases (seeded in ${r.seedMs} ms), RSS ${r.rssMb} MB`);
    console.table(r.results);
    console.log(r.plans.join('\n'));
  });
}
