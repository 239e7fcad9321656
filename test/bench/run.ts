/**
 * `npm run bench`: the service under load on one seeded PostgreSQL, side by side with a bare
 * `node:http` + `pg` handler doing the same work, as docs/performance.md describes. Writes
 * out/bench.json; `npm run bench:report` puts it into the doc.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../src/common/net';
import { benchAgreementPdf } from './agreement-pdf.bench';
import { benchSeal } from './seal.bench';
import { benchLockHold } from './lock-hold.bench';
import { AgreementCase, seedAgreements } from './agreement-seed';
import { benchSettings } from './bench-settings';
import { openBenchDatabase } from './bench-database';
import { loadFixtures, Person } from './fixtures';
import { machine } from './machine';
import { measureOperation, OperationResult } from './measure-operation';
import { operations } from './operations';
import { capturePlans } from './capture-plans';
import { superviseChildren } from './processes';
import { loadAverage, postgresCpuMs, rssBytes } from './proc-stats';
import { BenchResult, printResults } from './results';
import { recordAgreementCases, ensureSeeded } from './seed';
import { buildService, POOL_SIZE, startBare, startService } from './servers';
import { enableStatementStats, statementWork } from './pg-statements';

const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const s = benchSettings();
  const startedAt = new Date();
  mkdirSync(s.dir, { recursive: true, mode: 0o755 });
  mkdirSync(dirname(s.outFile), { recursive: true });
  superviseChildren(s.dir);
  const loadBefore = loadAverage();
  say(
    `bench: ${s.cases} cases, ${s.connections} connections, ${s.passes} × ${s.seconds} s per operation; load average ${loadBefore.join(' ')}`,
  );

  const buildMs = s.skipBuild ? null : await buildService(join(s.dir, 'build.log'));
  if (buildMs !== null) say(`built the service in ${(buildMs / 1000).toFixed(1)} s`);
  // The in-process renderer first, while nothing else runs.
  const render = await benchAgreementPdf();
  say(
    `agreement PDF render (60 installments, in process): mean ${render.meanMs} ms, ${Math.round(render.bytes / 1024)} KB`,
  );
  const seal = await benchSeal();
  say(
    `sealed agreement PDF (PAdES, 12 installments, in process): median ${seal.sealedMedianMs} ms ` +
      `(unsealed ${seal.renderMedianMs} ms, check ${seal.verifyMedianMs} ms), ${Math.round(seal.bytes / 1024)} KB`,
  );

  const database = await openBenchDatabase(s);
  const db = new Client({ connectionString: database.url });
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const pgCpu = database.postmasterPid;
    const seed = await ensureSeeded(
      database.url,
      s,
      s.reseed,
      undefined,
      pgCpu ? () => postgresCpuMs(pgCpu) : null,
    );
    await db.connect();
    const statementStats = await enableStatementStats(db);
    if (!statementStats) say('pg_stat_statements is not loaded: no statement counts per request');
    const f = await loadFixtures(db, s);
    // A reused seed ages: deadlines pass, and the service's sweeper closes those cases.
    const overdue = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases
        WHERE (status = 'lender_notified' AND lender_response_due_at <= now())
           OR (status IN ('lender_notified', 'awaiting_session', 'session_scheduled', 'awaiting_signatures')
               AND mediation_due_at <= now())`,
    );
    const { postmasterPid } = database;
    const servicePort = await freePort();
    const serviceOptions = {
      databaseUrl: database.url,
      port: servicePort,
      dataDir: join(s.dir, 'service'),
      logLevel: s.serviceLogLevel,
      logFile: join(s.dir, 'service.log'),
    };
    let service = await startService({ ...serviceOptions, cpuProfileDir: s.cpuProfileDir });
    stops.push(() => service.stop());
    const firstStartMs = service.readyMs;
    const rssAtStart = rssBytes(service.pid);
    say(`service healthy ${(firstStartMs / 1000).toFixed(1)} s after start`);
    // Every run's statistics start cold (a reused seed keeps the last run's snapshots): the
    // first request of `page.stats` computes them, in the measurement (docs/performance.md).
    await db.query('DELETE FROM stats_snapshots');
    const barePort = await freePort();
    const bare = await startBare(database.url, barePort, join(s.dir, 'bare.log'));
    stops.push(() => bare.stop());
    const serviceUrl = `http://127.0.0.1:${servicePort}`;
    const bareUrl = `http://127.0.0.1:${barePort}`;

    let agreements: AgreementCase[] | undefined = seed.agreementCases;
    if (!agreements?.length) {
      say('seeding agreements through the API');
      agreements = await seedAgreements(serviceUrl, database.url, f);
      await recordAgreementCases(database.url, agreements);
    }
    const act = async (who: Person, id: string, action: string, body: object) => {
      const res = await fetch(`${serviceUrl}/api/v1/cases/${id}/actions/${action}`, {
        method: 'POST',
        headers: { ...who.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    };
    // Work the worker still owes from the previous pass would otherwise load the next one.
    const settle = async () => {
      for (let waited = 0; waited < 120_000; waited += 250) {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE run_at <= now() AND attempts < max_attempts`,
        );
        if (rows[0].n === 0) return;
        await new Promise((r) => setTimeout(r, 250));
      }
      say('  (the job queue did not drain within 2 minutes; measuring anyway)');
    };
    const ops = operations({ f, db, connections: s.connections, agreements, act });
    const chosen = ops.filter((o) => !s.only || s.only.some((p) => o.key.startsWith(p)));

    const results: OperationResult[] = [];
    for (const op of chosen.filter((o) => o.load)) {
      say(`measuring ${op.key}: ${op.label}`);
      results.push(
        await measureOperation(
          op,
          {
            service: { url: serviceUrl, pid: service.pid },
            bare: { url: bareUrl, pid: bare.pid },
            postmasterPid,
            statements: statementStats ? () => statementWork(db) : null,
            settle,
          },
          s,
        ),
      );
    }
    const rssAfterLoad = rssBytes(service.pid);
    const lockHold =
      !s.only || s.only.includes('lock')
        ? await benchLockHold(serviceUrl, database.url, f)
        : undefined;
    if (lockHold) say(`confirmation's row lock held: ${lockHold.lockHoldMs.join(', ')} ms`);

    // Restart to healthy on the seeded database: stop, start, first 200 of /health.
    const stopMs = await service.stop();
    service = await startService(serviceOptions);
    const restartMs = service.readyMs;
    say(
      `service stopped in ${(stopMs / 1000).toFixed(1)} s, healthy again ${(restartMs / 1000).toFixed(1)} s after restart`,
    );
    await service.stop();

    const plans = await capturePlans(
      chosen.filter((o) => o.explain),
      serviceOptions,
      database.url,
      db,
    );

    const finishedAt = new Date();
    const result: BenchResult = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      totalSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
      machine: {
        ...machine(database.serverVersion),
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAverage(),
      },
      settings: {
        cases: s.cases,
        connections: s.connections,
        passes: s.passes,
        seconds: s.seconds,
        warmupSeconds: s.warmupSeconds,
        poolSize: POOL_SIZE,
        serviceLogLevel: s.serviceLogLevel,
        embeddedPostgres: database.embedded,
        postgres: database.settings,
      },
      seed,
      buildMs,
      service: {
        firstStartMs,
        overdueAtStart: overdue.rows[0].n,
        stopMs,
        restartMs,
        rssPeakBytes: Math.max(
          0,
          ...results.map((r) =>
            Math.max(0, ...(r.service?.passes ?? []).map((p) => p.rssPeakBytes)),
          ),
        ),
        rssAtStartBytes: rssAtStart,
        rssAfterLoadBytes: rssAfterLoad,
      },
      render: { agreementPdf60Installments: render, sealedAgreementPdf12Installments: seal },
      confirmationLock: lockHold,
      operations: results,
      plans,
    };
    writeFileSync(s.outFile, `${JSON.stringify(result, null, 2)}\n`);
    printResults(result);
    say(
      `wrote ${s.outFile} (${result.totalSeconds} s in all); npm run bench:report puts it into docs/performance.md`,
    );
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await db.end().catch(() => undefined);
    await database.stop();
  }
}

main().catch((e: unknown) => {
  say(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
