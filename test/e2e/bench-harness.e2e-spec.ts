import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Client, Pool } from 'pg';
import { BareServer, startBareServer } from '../bench/bare-server';
import { benchSettings } from '../bench/bench-settings';
import { loadFixtures } from '../bench/fixtures';
import { type PassResult, runPass } from '../bench/measure';
import { sameAnswers } from '../bench/measure-operation';
import { operations } from '../bench/operations';
import { StatementCapture } from '../bench/pg-capture';
import { enableStatementStats, type StatementWork, statementWork } from '../bench/pg-statements';
import { ensureSeeded, SeedInfo } from '../bench/seed';
import { JWT_SECRET, POOL_SIZE } from '../bench/servers';
import { createTestDatabase, startTestApp, TestApp } from './harness';

/**
 * `npm run bench` compares the service with a bare handler: that comparison is only worth
 * something if the seed is what it says and the bare handler does the same work, so both are
 * checked here, on a small seed, with every test run.
 */
describe('the bench harness', () => {
  const s = benchSettings({
    BENCH_CASES: '2000',
    BENCH_CONNECTIONS: '6',
    BENCH_DIR: mkdtempSync(join(process.env.TEST_ROOT ?? tmpdir(), 'bench-')),
  });
  let url: string;
  let seed: SeedInfo;
  let t: TestApp;
  let bare: BareServer;
  let db: Client;

  beforeAll(async () => {
    url = await createTestDatabase();
    seed = await ensureSeeded(url, s, false, () => undefined);
    t = await startTestApp({ JWT_SECRET }, { databaseUrl: url });
    bare = await startBareServer({
      databaseUrl: url,
      jwtSecret: JWT_SECRET,
      port: 0,
      poolSize: POOL_SIZE,
    });
    db = new Client({ connectionString: url });
    await db.connect();
  }, 120_000);

  /** A one-second pass of two connections against `server`, closed afterwards. */
  async function onePass(
    server: Server,
    path: string,
    statements?: () => Promise<StatementWork>,
  ): Promise<PassResult> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      return await runPass(
        s.dir,
        { url: `http://127.0.0.1:${port}`, pid: process.pid },
        [[{ method: 'GET', path, headers: {} }]],
        2,
        1,
        null,
        statements,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  afterAll(async () => {
    await db?.end();
    await bare?.close();
    await t?.close();
  });

  it('seeds a steady flow of cases whose status, version and timeline agree, and reuses the seed', async () => {
    expect(seed.rows.cases).toBe(2000);
    const { rows } = await db.query<{ status: string }>(`SELECT DISTINCT status FROM cases`);
    expect(rows.map((r) => r.status)).toEqual(
      expect.arrayContaining([
        'submitted',
        'lender_notified',
        'session_scheduled',
        'settled',
        'unsuccessful',
        'rejected',
        'withdrawn',
      ]),
    );
    const disagree = await db.query(
      `SELECT c.id FROM cases c
        CROSS JOIN LATERAL (SELECT count(*) AS n, (array_agg(to_status ORDER BY id DESC))[1] AS last
                              FROM case_events e WHERE e.case_id = c.id) e
        WHERE c.version <> e.n OR c.status <> e.last`,
    );
    expect(disagree.rows).toEqual([]);
    expect((await ensureSeeded(url, s, false, () => undefined)).reused).toBe(true);
  });

  it('counts the requests, statuses and bytes of a binary answer as they went over the wire', async () => {
    // The load generator leaves response bodies undecoded (load-runner.ts): what it reports
    // must still be what the server sent.
    const body = randomBytes(100_000);
    let served = 0;
    const server = createServer((req, res) => {
      served += 1;
      res.writeHead(served % 2 ? 200 : 404, {
        'content-type': 'application/pdf',
        'content-length': body.length,
      });
      res.end(body);
    });
    const pass = await onePass(server, '/agreement.pdf');
    expect(pass.requests).toBeGreaterThan(10);
    expect(pass.requests).toBeLessThanOrEqual(served);
    expect((pass.statusCodes['200'] ?? 0) + (pass.statusCodes['404'] ?? 0)).toBe(pass.requests);
    expect(pass.non2xx).toBe(pass.statusCodes['404']);
    expect(pass.bytesPerRequest).toBeGreaterThan(body.length);
    expect(pass.bytesPerRequest).toBeLessThan(body.length + 300);
  });

  it("counts a pass's statements and their buffers per request, and not its own sampling", async () => {
    // A database of its own: nothing else runs statements in it.
    const quietUrl = await createTestDatabase();
    const quiet = new Client({ connectionString: quietUrl });
    await quiet.connect();
    const work = new Pool({ connectionString: quietUrl, max: 2 });
    try {
      expect(await enableStatementStats(quiet)).toBe(true);
      await quiet.query(
        'CREATE TABLE t AS SELECT g AS id, repeat($1, 200) AS pad FROM generate_series(1, 5000) g',
        ['x'],
      );
      const a = await statementWork(quiet);
      const b = await statementWork(quiet);
      expect(b.calls).toBe(a.calls);
      await work.query('SELECT count(*) FROM t');
      await work.query('SELECT pad FROM t WHERE id = $1', [7]);
      const c = await statementWork(quiet);
      expect(c.calls - b.calls).toBe(2);
      // The count scanned every page of the table.
      const pages = (
        await quiet.query<{ n: number }>(
          `SELECT relpages::int AS n FROM pg_class WHERE relname = 't'`,
        )
      ).rows[0].n;
      expect(c.blocks - b.blocks).toBeGreaterThanOrEqual(pages);

      const server = createServer((req, res) => {
        work.query('SELECT pad FROM t WHERE id = $1', [42]).then(
          () => res.end('ok'),
          () => res.writeHead(500).end(),
        );
      });
      const pass = await onePass(server, '/', () => statementWork(quiet));
      expect(pass.requests).toBeGreaterThan(10);
      // One statement per request answered, and a few for requests in flight at the end.
      expect(pass.statements!.calls).toBeGreaterThanOrEqual(1);
      expect(pass.statements!.calls).toBeLessThan(1.5);
      expect(pass.statements!.execMs).toBeGreaterThan(0);
    } finally {
      await work.end();
      await quiet.end();
    }
  });

  it('answers every list and the single read from the bare handler exactly as the service does', async () => {
    const f = await loadFixtures(db, s);
    const twins = operations({
      f,
      db,
      connections: s.connections,
      agreements: [],
      act: async () => 200,
    }).filter((o) => o.twin);
    expect(twins.map((o) => o.key)).toEqual(
      expect.arrayContaining([
        'list.borrower',
        'list.lender-jwt',
        'list.lender-key',
        'list.mediator',
        'list.clerk',
        'list.admin',
        'read.lender',
      ]),
    );
    const service = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const logged = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM personal_data_reads`)).rows[0]
        .n;
    for (const op of twins) {
      const before = await logged();
      expect({
        op: op.key,
        difference: await sameAnswers(service, bare.url, await op.sequences(0)),
      }).toEqual({
        op: op.key,
        difference: null,
      });
      const both = (await logged()) - before;
      // The service logs a staff read of whole ID numbers, never a borrower's own.
      if (op.key === 'list.borrower')
        expect({ op: op.key, logged: both }).toEqual({ op: op.key, logged: 0 });
      if (op.key === 'list.clerk') expect(both).toBeGreaterThan(0);
    }
  });

  it('captures each statement a client sends with its parameters, as they went over the wire', async () => {
    const target = new URL(url);
    const capture = new StatementCapture();
    const port = await capture.listen({ host: target.hostname, port: Number(target.port) });
    const via = new URL(url);
    via.port = String(port);
    const client = new Client({ connectionString: via.toString() });
    await client.connect();
    try {
      capture.take();
      await client.query('SELECT id FROM cases WHERE status = $1 AND version >= $2 LIMIT 1', [
        'settled',
        7,
      ]);
      await client.query('SELECT 1');
      expect(capture.take()).toEqual([
        {
          sql: 'SELECT id FROM cases WHERE status = $1 AND version >= $2 LIMIT 1',
          params: ['settled', '7'],
        },
        { sql: 'SELECT 1', params: [] },
      ]);
    } finally {
      await client.end();
      await capture.close();
    }
  });
});
