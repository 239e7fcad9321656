import type { AgreementPdfBench } from './agreement-pdf.bench';
import type { SealBench } from './seal.bench';
import type { LockHoldBench } from './lock-hold.bench';
import type { Machine } from './machine';
import type { SideResult } from './measure';
import type { OperationResult } from './measure-operation';
import type { OperationPlans } from './plans';
import type { SeedInfo } from './seed';

/** out/bench.json: everything one run measured, and what it ran on. */
export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  machine: Machine & { loadAverageBefore: number[]; loadAverageAfter: number[] };
  settings: {
    cases: number;
    connections: number;
    passes: number;
    seconds: number;
    warmupSeconds: number;
    poolSize: number;
    serviceLogLevel: string;
    embeddedPostgres: boolean;
    postgres: Record<string, string>;
  };
  seed: SeedInfo;
  buildMs: number | null;
  service: {
    firstStartMs: number;
    /** Cases past a deadline when the service started (a reused seed ages; the sweeper closes them). */
    overdueAtStart: number;
    stopMs: number;
    restartMs: number;
    rssPeakBytes: number;
    /** Right after the first start, before any load. */
    rssAtStartBytes: number | null;
    rssAfterLoadBytes: number | null;
  };
  render: {
    agreementPdf60Installments: AgreementPdfBench;
    sealedAgreementPdf12Installments?: SealBench;
  };
  /** The mediator's confirmation: how long the case's row lock is held (issue 15: ≤ 100 ms). */
  confirmationLock?: LockHoldBench;
  operations: OperationResult[];
  plans: OperationPlans[];
}

const mb = (bytes: number | null) => (bytes === null ? '—' : `${Math.round(bytes / 2 ** 20)} MB`);
const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const ms = (n: number) => `${num(n)} ms`;

export const HEADER = [
  'operation',
  'bare req/s',
  'service req/s',
  'ratio',
  'p50 service',
  'p99 bare / service',
  'CPU ms/req service (bare)',
  'PostgreSQL CPU ms/req service (bare)',
  'req/s of the passes service (bare)',
  'note',
];

/** The lowest and highest req/s of the passes: how much the shared machine moved under them. */
const spread = (side: SideResult) => {
  const rps = side.passes.map((p) => p.rps);
  return `${num(Math.min(...rps))}–${num(Math.max(...rps))}`;
};

/** One row per operation; "—" where an operation has no bare twin. */
export function resultRows(r: BenchResult): string[][] {
  return r.operations.map((o) => {
    if (!o.service) return [o.label, '—', o.status, '—', '—', '—', '—', '—', '—', o.note ?? ''];
    const b = o.bare;
    const size = o.probe.contentType?.includes('pdf')
      ? `${Math.round(o.probe.bytes / 1024)} KB per PDF`
      : '';
    return [
      o.label,
      b ? num(b.rps) : '—',
      num(o.service.rps),
      o.ratio !== undefined ? o.ratio.toFixed(2) : '—',
      ms(o.service.p50),
      b ? `${num(b.p99)} / ${num(o.service.p99)} ms` : `— / ${num(o.service.p99)} ms`,
      `${o.service.cpuMsPerRequest}${b ? ` (${b.cpuMsPerRequest})` : ''}`,
      `${o.service.postgresCpuMsPerRequest ?? '—'}${b ? ` (${b.postgresCpuMsPerRequest ?? '—'})` : ''}`,
      `${spread(o.service)}${b ? ` (${spread(b)})` : ''}`,
      [o.note, size].filter(Boolean).join('; '),
    ];
  });
}

export const STATEMENT_HEADER = [
  'operation',
  'statements/req service (bare)',
  'execution ms/req service (bare)',
  'shared buffers/req service (bare)',
  'PostgreSQL CPU ms/req service (bare)',
];

/**
 * What PostgreSQL's statements did per request (pg_stat_statements), beside the CPU it used:
 * the same statements and buffers on both sides with more CPU on one is not more work asked.
 */
export function statementRows(r: BenchResult): string[][] {
  return r.operations.flatMap((o) => {
    const w = o.service?.statementsPerRequest;
    if (!o.service || !w) return [];
    const b = o.bare?.statementsPerRequest;
    const pair = (k: 'calls' | 'execMs' | 'blocks') => `${num(w[k])}${b ? ` (${num(b[k])})` : ''}`;
    const cpu = o.bare ? ` (${o.bare.postgresCpuMsPerRequest ?? '—'})` : '';
    return [
      [
        o.label,
        pair('calls'),
        pair('execMs'),
        pair('blocks'),
        `${o.service.postgresCpuMsPerRequest ?? '—'}${cpu}`,
      ],
    ];
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function lockLine(r: BenchResult): string[] {
  const c = r.confirmationLock;
  if (!c?.lockHoldMs.length) return [];
  return [
    `mediator's confirmation (${c.lockHoldMs.length} cases): the case's row lock held median ${ms(median(c.lockHoldMs))}, at most ${ms(Math.max(...c.lockHoldMs))} (probe every ≤ ${ms(c.probeResolutionMs)}), of a round trip of median ${ms(median(c.roundTripMs))}: the PDF is rendered and sealed before the lock`,
  ];
}

export function summaryLines(r: BenchResult): string[] {
  const cpu = r.seed.cpuSeconds
    ? `, using ${r.seed.cpuSeconds.postgres === null ? '?' : num(r.seed.cpuSeconds.postgres)} s of PostgreSQL's CPU and ${num(r.seed.cpuSeconds.bench)} s of the bench's`
    : '';
  const seed = r.seed.reused
    ? `reused the database seeded ${r.seed.seededAt} (seeding took ${num(r.seed.seedMs / 1000)} s${cpu})`
    : `seeded in ${num(r.seed.seedMs / 1000)} s${cpu}`;
  return [
    `${num(r.settings.cases)} cases (${num(r.seed.rows.case_events ?? 0)} timeline rows), ${seed}; ${num(r.service.overdueAtStart)} past a deadline at the start`,
    `service RSS: ${mb(r.service.rssAtStartBytes)} after start, peak under load ${mb(r.service.rssPeakBytes)}, ${mb(r.service.rssAfterLoadBytes)} after the load`,
    `restart to healthy: ${num(r.service.restartMs / 1000)} s (stop took ${num(r.service.stopMs / 1000)} s; first start ${num(r.service.firstStartMs / 1000)} s)`,
    `agreement PDF rendered in process (60 installments): mean ${r.render.agreementPdf60Installments.meanMs} ms, p95 ${r.render.agreementPdf60Installments.p95Ms} ms, ${Math.round(r.render.agreementPdf60Installments.bytes / 1024)} KB`,
    ...lockLine(r),
    `${r.machine.cpuModel}, ${r.machine.cores} cores, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres}; load average ${r.machine.loadAverageBefore.join(' ')} before, ${r.machine.loadAverageAfter.join(' ')} after`,
    `whole run: ${num(r.totalSeconds / 60)} min`,
  ];
}

export function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => [...row[i]].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => cell + ' '.repeat(widths[i] - [...cell].length)).join('  ');
  return [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

export function markdownTable(rows: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${rows[0].map(esc).join(' | ')} |`,
    `|${rows[0].map(() => '---').join('|')}|`,
    ...rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function printResults(r: BenchResult): void {
  console.log(`\n${textTable([HEADER, ...resultRows(r)])}\n`);
  for (const line of summaryLines(r)) console.log(line);
  const statements = statementRows(r);
  if (statements.length) console.log(`\n${textTable([STATEMENT_HEADER, ...statements])}`);
}
