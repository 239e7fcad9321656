import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { dataSourceOptions, migrate, pendingSchemaChanges } from '../../src/database/data-source';
import { installJobSchema } from '../../src/jobs/job-schema';
import { hashPassword } from '../../src/users/password-hasher';
import { sqlList, TERMINAL_STATUSES } from '../../src/workflow/states';
import type { AgreementCase } from './agreement-seed';
import { SEED_PASSWORD } from './seed-ids';
import { bulkConnection, chunks, dropKeysAndIndexes, load, Saved, shared } from './seed-bulk';
import {
  casesLoad,
  consentsLoad,
  eventsLoad,
  planCasesSql,
  planTablesSql,
  referenceSql,
  SeedShape,
} from './seed-sql';
import { PATHS } from './seed-timeline';

/** Bump when the seed's rows change, so older seeds are not reused. */
const SEED_FORMAT = 5;

/** What must match for a seeded database to be reused; any difference seeds it again. */
export function seedParameters(shape: SeedShape) {
  return {
    format: SEED_FORMAT,
    cases: shape.cases,
    borrowers: shape.borrowers,
    lenders: shape.lenders,
    mediators: shape.mediators,
    paths: PATHS.map((p) => `${p.name}:${p.share.toFixed(4)}`).join(' '),
    migrations: MIGRATIONS.map((m) => m.name).join(' '),
  };
}

export interface SeedInfo {
  reused: boolean;
  seededAt: string;
  /** Wall time of the seed itself (reference rows, cases, timeline, indexes, vacuum). */
  seedMs: number;
  steps: Record<string, number>;
  /** CPU the seed used: PostgreSQL's (embedded only) and the bench's own (the COPY streams). */
  cpuSeconds?: { postgres: number | null; bench: number } | null;
  rows: Record<string, number>;
  parameters: ReturnType<typeof seedParameters>;
  /** The settled cases with real agreements, once the service has made them. */
  agreementCases?: AgreementCase[];
}

const toStderr = (line: string) => void process.stderr.write(`${line}\n`);

async function readMarker(db: Client): Promise<SeedInfo | null> {
  const { rows } = await db.query(`SELECT to_regclass('bench.seed') AS t`);
  if (!rows[0].t) return null;
  const found = await db.query<{ info: SeedInfo }>(`SELECT info FROM bench.seed`);
  return found.rows[0]?.info ?? null;
}

/** Tables that hold rows at all: a database with rows but no marker is not the bench's to wipe. */
async function userRows(db: Client): Promise<number> {
  const { rows } = await db.query(`SELECT to_regclass('public.cases') AS t`);
  if (!rows[0].t) return 0;
  return Number(
    (await db.query(`SELECT count(*) AS n FROM (SELECT 1 FROM cases LIMIT 1) x`)).rows[0].n,
  );
}

async function wipe(db: Client): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS bench CASCADE`);
  await db.query(`DROP SCHEMA IF EXISTS graphile_worker CASCADE`);
  await db.query(`DROP SCHEMA public CASCADE`);
  await db.query(`CREATE SCHEMA public`);
}

async function count(db: Client, table: string): Promise<number> {
  return Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
}

async function seed(
  db: Client,
  url: string,
  shape: SeedShape,
  say: (line: string) => void,
  postgresCpu: (() => number) | null,
): Promise<SeedInfo> {
  const steps: Record<string, number> = {};
  const started = Date.now();
  const pg0 = postgresCpu?.() ?? 0;
  const bench0 = process.cpuUsage();
  let cpu: SeedInfo['cpuSeconds'] = null;
  const step = async (name: string, work: () => Promise<unknown>) => {
    const t = Date.now();
    await work();
    steps[name] = Date.now() - t;
    say(`  seed: ${name} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  const timed = async (name: string, work: () => Promise<unknown>) => {
    const t = Date.now();
    await work();
    steps[name] = Date.now() - t;
  };
  const seededAt = new Date();
  const hash = await hashPassword(SEED_PASSWORD);
  const fill = (sql: string) =>
    sql
      .replaceAll('$seed_at', () => `'${seededAt.toISOString()}'::timestamptz`)
      .replaceAll('$hash', () => `'${hash}'`);
  const parts = chunks(shape.cases);

  await step('schema (migrations, job queue)', async () => {
    const ds = new DataSource(dataSourceOptions(url, 2));
    await ds.initialize();
    try {
      await migrate(ds);
    } finally {
      await ds.destroy();
    }
    await installJobSchema(url);
  });
  const conns = await Promise.all([1, 2, 3, 4].map(() => bulkConnection(url)));
  const [a, b, c, d] = conns;
  try {
    let saved: Saved = { constraints: [], foreignKeys: [], indexes: [], drops: [] };
    await step('drop keys and indexes of the big tables', async () => {
      saved = await dropKeysAndIndexes(a, ['cases', 'case_events', 'case_consents']);
    });
    await step('organisations, staff, API keys, borrowers; the plan of every case', async () => {
      for (const sql of [
        ...planTablesSql(),
        `CREATE UNLOGGED TABLE bench.plan_cases AS ${planCasesSql(shape, { lo: 1, hi: 0 })}`,
      ]) {
        await a.query(fill(sql));
      }
      await Promise.all([
        (async () => {
          for (const sql of referenceSql(shape)) await d.query(fill(sql));
        })(),
        shared(
          [a, b, c],
          parts.map((p) => fill(`INSERT INTO bench.plan_cases ${planCasesSql(shape, p)}`)),
        ),
      ]);
      await shared(
        [a],
        ['ALTER TABLE bench.plan_cases ADD PRIMARY KEY (i)', 'ANALYZE bench.plan_cases'],
      );
    });
    await step('cases, case_consents ∥ case_events (COPY … FREEZE)', () =>
      Promise.all([
        (async () => {
          await timed('· cases (COPY)', () => load(a, b, casesLoad(shape), parts, fill));
          await timed('· case_consents (COPY)', () => load(a, b, consentsLoad(), parts, fill));
        })(),
        timed('· case_events (COPY)', () => load(c, d, eventsLoad(shape), parts, fill)),
      ]),
    );
    await a.query(`SELECT setval('case_number_seq', $1)`, [shape.cases]);
    await a.query(`DROP TABLE bench.plan_cases, bench.plan_steps`);
    // Keys first (the foreign keys need them), then the other indexes, each lane taking the next.
    await step('keys and indexes', () => shared([a, b], [...saved.constraints, ...saved.indexes]));
    await step('foreign keys (validated)', () => shared([a, b], saved.foreignKeys));
    // A live database is vacuumed and analysed; a fresh load is not until autovacuum runs, and
    // that would otherwise happen during the first measurement.
    await step('vacuum, analyze, checkpoint', async () => {
      await shared(
        [a, b],
        ['case_events', 'cases', 'case_consents', 'users', 'organizations', 'api_keys'].map(
          (t) => `VACUUM (ANALYZE) ${t}`,
        ),
      );
      await a.query(`CHECKPOINT`);
    });
    // Before the connections close, while their backends still count.
    const bench = process.cpuUsage(bench0);
    cpu = {
      postgres: postgresCpu ? Math.round((postgresCpu() - pg0) / 100) / 10 : null,
      bench: Math.round((bench.user + bench.system) / 1e5) / 10,
    };
  } finally {
    await Promise.all(conns.map((x) => x.end()));
  }
  // A sample of cases: the status, version and milestones each has agree with its timeline.
  const disagree = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases c TABLESAMPLE BERNOULLI (0.2)
      CROSS JOIN LATERAL (SELECT count(*) AS events, (array_agg(to_status ORDER BY id DESC))[1] AS last,
                                 min(created_at) FILTER (WHERE action IN ('lender_accept', 'lender_decline')) AS answered,
                                 min(created_at) FILTER (WHERE to_status IN ${sqlList(TERMINAL_STATUSES)}) AS closed
                            FROM case_events e WHERE e.case_id = c.id) t
      WHERE c.version <> t.events OR c.status <> t.last
         OR c.lender_answered_at IS DISTINCT FROM t.answered OR c.closed_at IS DISTINCT FROM t.closed`,
  );
  if (disagree.rows[0].n > 0)
    throw new Error(`${disagree.rows[0].n} seeded cases disagree with their timeline`);
  const rows: Record<string, number> = {};
  for (const t of ['users', 'cases', 'case_events', 'case_consents']) rows[t] = await count(db, t);
  const ds = new DataSource(dataSourceOptions(url, 1));
  await ds.initialize();
  const drift = await pendingSchemaChanges(ds).finally(() => ds.destroy());
  if (drift.length) {
    throw new Error(`the seeded schema differs from the migrations: ${drift.join('; ')}`);
  }
  return {
    reused: false,
    seededAt: seededAt.toISOString(),
    seedMs: Date.now() - started,
    cpuSeconds: cpu,
    steps,
    rows,
    parameters: seedParameters(shape),
  };
}

/**
 * The seeded database: reused when its marker (`bench.seed`) says it was seeded with the same
 * parameters, seeded from scratch otherwise or when `reseed` is set.
 */
export async function ensureSeeded(
  url: string,
  shape: SeedShape,
  reseed: boolean,
  say: (line: string) => void = toStderr,
  postgresCpu: (() => number) | null = null,
): Promise<SeedInfo> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const marker = await readMarker(db);
    const wanted = seedParameters(shape);
    if (marker && !reseed && isDeepStrictEqual(marker.parameters, wanted)) {
      say(
        `seed: reusing the database seeded at ${marker.seededAt} (BENCH_RESEED=1 seeds it again)`,
      );
      return { ...marker, reused: true };
    }
    if (!marker && (await userRows(db)) > 0) {
      throw new Error(
        'the database has cases but no bench marker (bench.seed): not wiping it; point DATABASE_URL at an empty database',
      );
    }
    say(marker ? `seed: parameters changed or BENCH_RESEED set; seeding again` : 'seed: seeding');
    await wipe(db);
    // Marked first, as unfinished: a seed that fails half-way is known as the bench's to redo.
    await db.query(`CREATE SCHEMA bench`);
    await db.query(`CREATE TABLE bench.seed (info jsonb NOT NULL)`);
    await db.query(`INSERT INTO bench.seed (info) VALUES ($1)`, [{ unfinished: true }]);
    const info = await seed(db, url, shape, say, postgresCpu);
    await db.query(`UPDATE bench.seed SET info = $1`, [info]);
    say(`seed: ${shape.cases} cases in ${(info.seedMs / 1000).toFixed(1)} s`);
    return info;
  } finally {
    await db.end();
  }
}

/** Once the service is up: the few real agreements the PDF route serves, kept in the marker. */
export async function recordAgreementCases(url: string, cases: AgreementCase[]): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`UPDATE bench.seed SET info = jsonb_set(info, '{agreementCases}', $1::jsonb)`, [
      JSON.stringify(cases),
    ]);
  } finally {
    await db.end();
  }
}
