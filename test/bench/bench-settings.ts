import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The bench's own settings, from its own variables (it is a client of the service, like the
 * demo, not part of it). Read once, here.
 */
export interface BenchSettings {
  /** Cases to seed (BENCH_CASES, default 1,000,000). */
  cases: number;
  /** 100,000 at a million cases; scaled down with BENCH_CASES so each borrower has ~10 cases. */
  borrowers: number;
  lenders: number;
  mediators: number;
  /** autocannon connections per operation (BENCH_CONNECTIONS, default 50). */
  connections: number;
  /** Measured passes per operation and side (BENCH_PASSES, default 3); medians are reported. */
  passes: number;
  /** Seconds per pass (BENCH_SECONDS, default 10). */
  seconds: number;
  /** Seconds of unmeasured load before an operation's first pass (BENCH_WARMUP, default 3). */
  warmupSeconds: number;
  /** An external PostgreSQL to seed and use instead of the embedded one (DATABASE_URL). */
  databaseUrl: string | null;
  /** Where the embedded cluster and the service's files live between runs (BENCH_DIR). */
  dir: string;
  /** Drop and seed again even when the marker matches (BENCH_RESEED=1). */
  reseed: boolean;
  /** Skip `nest build` when dist/ is known to be current (BENCH_SKIP_BUILD=1). */
  skipBuild: boolean;
  /** Only the operations whose key starts with one of these (BENCH_ONLY=list,read). */
  only: string[] | null;
  /** The service's LOG_LEVEL under load (BENCH_LOG_LEVEL, default the service's own `info`). */
  serviceLogLevel: string;
  /** Run the service under `node --cpu-prof`, its profile written here at its exit (BENCH_PROFILE=dir). */
  cpuProfileDir: string | null;
  /** Where the results go (out/bench.json). */
  outFile: string;
}

type Env = Record<string, string | undefined>;

function whole(env: Env, name: string, dflt: number, min: number): number {
  const raw = env[name]?.replace(/[_,]/g, '').trim();
  if (!raw) return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new Error(`${name}: expected a whole number ≥ ${min}, got "${env[name]}"`);
  }
  return Number(raw);
}

const flag = (env: Env, name: string) => /^(1|true|yes)$/i.test(env[name]?.trim() ?? '');

export function benchSettings(env: Env = process.env): BenchSettings {
  const cases = whole(env, 'BENCH_CASES', 1_000_000, 1000);
  const only = env.BENCH_ONLY?.trim();
  return {
    cases,
    borrowers: Math.max(100, Math.round(cases / 10)),
    lenders: 20,
    mediators: 50,
    connections: whole(env, 'BENCH_CONNECTIONS', 50, 1),
    passes: whole(env, 'BENCH_PASSES', 3, 1),
    seconds: whole(env, 'BENCH_SECONDS', 10, 1),
    warmupSeconds: whole(env, 'BENCH_WARMUP', 3, 0),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dir: resolve(env.BENCH_DIR?.trim() || join(tmpdir(), 'mediation-bench')),
    reseed: flag(env, 'BENCH_RESEED'),
    skipBuild: flag(env, 'BENCH_SKIP_BUILD'),
    only: only ? only.split(',').map((s) => s.trim()) : null,
    serviceLogLevel: env.BENCH_LOG_LEVEL?.trim() || 'info',
    cpuProfileDir: env.BENCH_PROFILE?.trim() ? resolve(env.BENCH_PROFILE.trim()) : null,
    outFile: resolve('out', 'bench.json'),
  };
}
