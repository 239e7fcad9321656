import { benchAgreementPdf } from './agreement-pdf.bench';
import { benchCaseList } from './case-list.bench';
import { benchSeal } from './seal.bench';

/**
 * `npm run bench`: runs every benchmark of the list in turn and prints one table. A benchmark
 * answers its measurements as named values; add one by adding an entry below.
 */
export interface Benchmark {
  name: string;
  /** What "good" means, printed beside the result. */
  target: string;
  run: () => Promise<Record<string, number | string>>;
}

export const BENCHMARKS: Benchmark[] = [
  {
    name: 'agreement PDF, 60 installments',
    target: 'well under 1 s per render, < 1 MB',
    run: async () => {
      const r = await benchAgreementPdf();
      return { 'mean ms': r.meanMs, 'p95 ms': r.p95Ms, 'size KB': Math.round(r.bytes / 1024) };
    },
  },
  {
    name: 'sealed agreement PDF (PAdES), 12 installments',
    target: 'sealing adds well under 100 ms to the render, < 1 MB',
    run: async () => {
      const r = await benchSeal();
      return {
        'median ms': r.sealedMedianMs,
        'unsealed median ms': r.renderMedianMs,
        'verify median ms': r.verifyMedianMs,
        'size KB': Math.round(r.bytes / 1024),
      };
    },
  },
  {
    name: 'case list (GET /api/v1/cases and the /cases page, 16 connections)',
    target:
      'every role’s first page served from an index, no errors; the borrower’s page p50 < 100 ms',
    run: async () => {
      const r = await benchCaseList();
      // The per-role detail and the query plans, before the summary row.
      console.table(r.results);
      console.log(r.plans.join('\n'));
      return {
        cases: r.cases,
        'lowest req/s': Math.min(...r.results.map((x) => x['req/s'])),
        'worst p99 ms': Math.max(...r.results.map((x) => x['p99 ms'])),
        errors: r.results.reduce((n, x) => n + x.errors, 0),
        'RSS MB': r.rssMb,
      };
    },
  },
];

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  return [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  const rows = [['benchmark', 'result', 'target']];
  let failed = false;
  for (const b of BENCHMARKS) {
    process.stderr.write(`running: ${b.name}\n`);
    try {
      const result = await b.run();
      const text = Object.entries(result)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      rows.push([b.name, text, b.target]);
    } catch (e) {
      failed = true;
      rows.push([b.name, `failed: ${e instanceof Error ? e.message : String(e)}`, b.target]);
    }
  }
  console.log(table(rows));
  if (failed) process.exitCode = 1;
}

if (require.main === module) void main();
