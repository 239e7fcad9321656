import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadRequest, LoadResult, LoadSpec } from './load-runner';
import { ROOT } from './processes';
import { perRequest, type StatementWork } from './pg-statements';
import { cpuMs, postgresCpuMs, sampleRss } from './proc-stats';

export interface PassResult extends LoadResult {
  /** CPU used during the pass by the server measured and by PostgreSQL. */
  serverCpuMs: number;
  postgresCpuMs: number | null;
  rssPeakBytes: number;
  rssLastBytes: number;
  /** PostgreSQL's statements during the pass, per request (null without pg_stat_statements). */
  statements?: StatementWork | null;
}

export interface SideResult {
  passes: PassResult[];
  /** Medians over the passes. */
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU per request, median over the passes (ms). */
  cpuMsPerRequest: number;
  postgresCpuMsPerRequest: number | null;
  /** Medians over the passes of what PostgreSQL's statements did per request. */
  statementsPerRequest?: StatementWork | null;
  non2xx: number;
  errors: number;
}

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface Target {
  url: string;
  pid: number;
}

/** One autocannon run in its own process; the server's CPU, RSS and PostgreSQL's CPU around it. */
export async function runPass(
  dir: string,
  target: Target,
  sequences: LoadRequest[][],
  connections: number,
  seconds: number,
  postmasterPid: number | null,
  statements?: (() => Promise<StatementWork>) | null,
): Promise<PassResult> {
  const spec: LoadSpec = { url: target.url, connections, seconds, sequences };
  const file = join(dir, 'load-spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const cpu0 = cpuMs(target.pid) ?? 0;
  const pg0 = postmasterPid ? postgresCpuMs(postmasterPid) : null;
  const work0 = statements ? await statements() : null;
  const rss = sampleRss(target.pid);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, 'load-runner.ts'), file],
    {
      cwd: ROOT,
      maxBuffer: 1 << 24,
      env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true' },
    },
  );
  const memory = rss.stop();
  const result = JSON.parse(stdout) as LoadResult;
  const work1 = statements ? await statements() : null;
  return {
    ...result,
    serverCpuMs: (cpuMs(target.pid) ?? 0) - cpu0,
    postgresCpuMs: postmasterPid && pg0 !== null ? postgresCpuMs(postmasterPid) - pg0 : null,
    rssPeakBytes: memory.peak,
    rssLastBytes: memory.last,
    statements: work0 && work1 ? perRequest(work0, work1, result.requests) : null,
  };
}

export function summarise(passes: PassResult[]): SideResult {
  const perRequest = (ms: number, p: PassResult) => (p.requests ? ms / p.requests : 0);
  const pg = passes.map((p) => (p.postgresCpuMs === null ? null : perRequest(p.postgresCpuMs, p)));
  return {
    passes,
    rps: round(median(passes.map((p) => p.rps))),
    p50: median(passes.map((p) => p.latencyMs.p50)),
    p99: median(passes.map((p) => p.latencyMs.p99)),
    cpuMsPerRequest: round(median(passes.map((p) => perRequest(p.serverCpuMs, p))), 2),
    postgresCpuMsPerRequest: pg.includes(null) ? null : round(median(pg as number[]), 2),
    statementsPerRequest: passes.every((p) => p.statements)
      ? {
          calls: round(median(passes.map((p) => p.statements!.calls)), 2),
          execMs: round(median(passes.map((p) => p.statements!.execMs)), 2),
          blocks: round(median(passes.map((p) => p.statements!.blocks)), 0),
        }
      : null,
    non2xx: passes.reduce((n, p) => n + p.non2xx, 0),
    errors: passes.reduce((n, p) => n + p.errors, 0),
  };
}
