import type { BenchSettings } from './bench-settings';
import type { LoadRequest } from './load-runner';
import { firstDifference } from './machine';
import { runPass, SideResult, summarise, Target } from './measure';
import type { Operation } from './operations';
import type { StatementWork } from './pg-statements';

export interface OperationResult {
  key: string;
  label: string;
  status: 'measured' | 'not available' | 'failed';
  note?: string;
  /** What one request answers: status and size (the PDF's bytes, a list page's JSON). */
  probe: { status: number; bytes: number; contentType: string | null };
  service?: SideResult;
  bare?: SideResult;
  /** service req/s ÷ bare req/s. */
  ratio?: number;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

async function once(base: string, r: LoadRequest) {
  const res = await fetch(`${base}${r.path}`, {
    method: r.method,
    headers: r.headers,
    body: r.body,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, bytes, contentType: res.headers.get('content-type') };
}

/**
 * Before measuring a twin: the service and the bare handler must give the same answer to the
 * same requests, or the comparison would be of different work.
 */
export async function sameAnswers(
  service: string,
  bare: string,
  sequences: LoadRequest[][],
): Promise<string | null> {
  for (const [r] of sequences.slice(0, 5)) {
    const [a, b] = await Promise.all([once(service, r), once(bare, r)]);
    if (a.status !== b.status) return `${r.path}: service ${a.status}, bare ${b.status}`;
    const diff = firstDifference(JSON.parse(a.bytes.toString()), JSON.parse(b.bytes.toString()));
    if (diff) return `${r.path}: ${diff}`;
  }
  return null;
}

export interface Sides {
  service: Target;
  bare: Target;
  postmasterPid: number | null;
  /** PostgreSQL's statement totals (pg_stat_statements), sampled around each pass. */
  statements: (() => Promise<StatementWork>) | null;
  /** Waits until the service's job queue has caught up (mail queued by the transitions). */
  settle(): Promise<void>;
}

/**
 * One operation: a probe request, the same-answer check, an unmeasured warm-up, then the
 * passes, the service's and the bare handler's taking turns so that a change in the shared
 * machine's load falls on both.
 */
export async function measureOperation(
  op: Operation,
  sides: Sides,
  s: BenchSettings,
): Promise<OperationResult> {
  const base = { key: op.key, label: op.label };
  const first = await op.sequences(0);
  const probe = await once(sides.service.url, first[0][0]);
  const probed = {
    status: probe.status,
    bytes: probe.bytes.length,
    contentType: probe.contentType,
  };
  await op.afterPass?.();
  if (op.slot && probe.status === 404) {
    say(`  ${op.key}: not available (the route answers 404)`);
    return { ...base, status: 'not available', note: 'the route answers 404', probe: probed };
  }
  if (probe.status >= 300) {
    const note = `one request answered ${probe.status}: ${probe.bytes.toString().slice(0, 200)}`;
    say(`  ${op.key}: not measured, ${note}`);
    return { ...base, status: 'failed', note, probe: probed };
  }
  if (op.twin) {
    const diff = await sameAnswers(sides.service.url, sides.bare.url, first);
    if (diff) {
      const note = `the bare handler answers differently: ${diff}`;
      say(`  ${op.key}: not measured, ${note}`);
      return { ...base, status: 'failed', note, probe: probed };
    }
  }
  const targets: ['service' | 'bare', Target][] = [['service', sides.service]];
  if (op.twin) targets.push(['bare', sides.bare]);
  const pass = async (target: Target, n: number, seconds: number) => {
    await sides.settle();
    const result = await runPass(
      s.dir,
      target,
      await op.sequences(n),
      s.connections,
      seconds,
      sides.postmasterPid,
      sides.statements,
    );
    await op.afterPass?.();
    return result;
  };
  if (s.warmupSeconds > 0) {
    for (const [, t] of targets) await pass(t, 0, s.warmupSeconds);
  }
  const passes: Record<string, Awaited<ReturnType<typeof pass>>[]> = { service: [], bare: [] };
  for (let n = 1; n <= s.passes; n++) {
    for (const [side, t] of targets) {
      const r = await pass(t, n, s.seconds);
      passes[side].push(r);
      say(
        `  ${op.key} ${side} pass ${n}: ${r.rps} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms${r.non2xx + r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`,
      );
    }
  }
  const service = summarise(passes.service);
  const bare = op.twin ? summarise(passes.bare) : undefined;
  const failures = service.non2xx + service.errors + (bare ? bare.non2xx + bare.errors : 0);
  return {
    ...base,
    status: 'measured',
    ...(failures
      ? { note: `${failures} requests failed (non-2xx or errors): see the passes` }
      : {}),
    probe: probed,
    service,
    bare,
    ratio: bare && bare.rps ? Math.round((service.rps / bare.rps) * 100) / 100 : undefined,
  };
}
