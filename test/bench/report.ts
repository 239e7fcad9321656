/**
 * `npm run bench:report`: writes the figures of the last `npm run bench` (out/bench.json, or the
 * file named as the first argument) into the generated parts of docs/performance.md, between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`. Nothing between the markers is typed by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as prettier from 'prettier';
import { ROOT } from './processes';
import {
  BenchResult,
  HEADER,
  markdownTable,
  resultRows,
  STATEMENT_HEADER,
  statementRows,
  summaryLines,
} from './results';

const DOC = resolve(ROOT, 'docs/performance.md');

const code = (lang: string, text: string) => `\`\`\`${lang}\n${text}\n\`\`\``;

function figures(r: BenchResult): string {
  return [
    `Run of ${r.finishedAt.slice(0, 16).replace('T', ' ')} UTC: ${r.settings.connections} connections, median of ${r.settings.passes} passes of ${r.settings.seconds} s per operation and side (after ${r.settings.warmupSeconds} s of warm-up), pool of ${r.settings.poolSize} connections on both sides, service LOG_LEVEL=${r.settings.serviceLogLevel}.`,
    '',
    markdownTable([HEADER, ...resultRows(r)]),
    '',
    ...summaryLines(r).map((l) => `- ${l}`),
    ...statementTable(r),
  ].join('\n');
}

/** The statements' work per request, when the run had pg_stat_statements. */
function statementTable(r: BenchResult): string[] {
  const rows = statementRows(r);
  if (!rows.length) return [];
  return [
    '',
    "What PostgreSQL's statements did per request in the same passes (`pg_stat_statements`: statements including BEGIN and COMMIT, their execution time without planning, shared buffers hit or read; medians of the passes):",
    '',
    markdownTable([STATEMENT_HEADER, ...rows]),
  ];
}

function machineSection(r: BenchResult): string {
  const m = r.machine;
  const pg = Object.entries(r.settings.postgres)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return [
    `- CPU: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB; Linux ${m.kernel}`,
    `- Node ${m.node}; PostgreSQL ${m.postgres} (${r.settings.embeddedPostgres ? 'embedded, started by the bench' : 'from DATABASE_URL'}): ${pg}`,
    `- Load average (1, 5, 15 min) before the run ${m.loadAverageBefore.join(', ')}, after ${m.loadAverageAfter.join(', ')}: the machine is shared, and a high figure here means the numbers above are low.`,
  ].join('\n');
}

function seedSection(r: BenchResult): string {
  const rows = Object.entries(r.seed.rows)
    .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
    .join(', ');
  const steps = Object.entries(r.seed.steps).map(([s, ms]) => [s, `${(ms / 1000).toFixed(1)} s`]);
  return [
    `${r.seed.reused ? 'Reused' : 'Seeded'}: ${rows}; seeded at ${r.seed.seededAt} in ${(r.seed.seedMs / 1000).toFixed(1)} s.`,
    '',
    markdownTable([['seed step', 'time'], ...steps]),
  ].join('\n');
}

function plansSection(r: BenchResult): string {
  if (!r.plans.length) return '_No plans in this run (BENCH_ONLY left out every read)._';
  const summary = markdownTable([
    ['operation', 'statements', 'reads: execution ms', 'indexes'],
    ...r.plans.map((p) => {
      const reads = p.statements.filter((s) => s.plan);
      const names = [
        ...new Set(
          p.statements.flatMap((s) =>
            s.indexes.map((x) => {
              const table = / ON (?:public\.)?"?(\w+)"?/.exec(x.definition)?.[1];
              return table ? `${x.name} (${table})` : x.name;
            }),
          ),
        ),
      ];
      return [
        p.label,
        String(p.statements.length),
        reads.map((s) => s.executionMs).join(' + '),
        names.map((n) => `\`${n}\``).join(', '),
      ];
    }),
  ]);
  const details = r.plans.map((p) => {
    const parts = [`<details><summary>${p.label}: <code>GET ${p.path}</code></summary>`];
    p.statements.forEach((s, i) => {
      const used = s.indexes.length
        ? `; indexes: ${s.indexes.map((x) => `\`${x.name}\``).join(', ')}`
        : '';
      parts.push('', `${i + 1}. ${s.plan ? `read, ${s.executionMs} ms` : 'not a read'}${used}`, '');
      parts.push(code('sql', s.sql.trim()));
      if (s.params.length)
        parts.push('', `Parameters: ${s.params.map((v) => `\`${v}\``).join(', ')}`);
      if (s.plan) parts.push('', code('text', s.plan));
      for (const x of s.indexes) if (x.definition) parts.push('', `- \`${x.definition}\``);
    });
    parts.push('', '</details>');
    return parts.join('\n');
  });
  return [summary, ...details].join('\n\n');
}

export function replaceSection(doc: string, name: string, body: string): string {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const from = doc.indexOf(open);
  const to = doc.indexOf(close);
  if (from < 0 || to < from) throw new Error(`docs/performance.md has no ${open} … ${close}`);
  return `${doc.slice(0, from + open.length)}\n\n${body}\n\n${doc.slice(to)}`;
}

async function main(): Promise<void> {
  const file = resolve(process.argv[2] ?? resolve(ROOT, 'out/bench.json'));
  const r = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
  let doc = readFileSync(DOC, 'utf8');
  doc = replaceSection(doc, 'figures', figures(r));
  doc = replaceSection(doc, 'machine', machineSection(r));
  doc = replaceSection(doc, 'seed', seedSection(r));
  doc = replaceSection(doc, 'plans', plansSection(r));
  const options = (await prettier.resolveConfig(DOC)) ?? {};
  writeFileSync(DOC, await prettier.format(doc, { ...options, filepath: DOC }));
  process.stderr.write(`wrote the figures of ${file} into ${DOC}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench:report failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
