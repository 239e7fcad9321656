import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { GENERIC_ACTION_PATH, httpActions } from '../openapi/action-operations';
import { RECORDED_EXAMPLES_PATH } from '../openapi/recorded-examples';
import type { RecordedFile, RecordedOperation } from '../openapi/recorded-examples';

/**
 * `npm run docs:openapi-examples`: the example walks (test/openapi-examples) run with OPENAPI_EXAMPLES=<folder>
 * (every JSON answer of the API recorded, test/e2e/support/openapi-recorder.ts), then this
 * picks one example per operation, status and error code into
 * src/openapi/api-examples.recorded.json. Secrets are cut, lists kept to three items.
 */

interface Exchange {
  method: string;
  path: string;
  status: number;
  request?: unknown;
  response: unknown;
}

const SECRETS: [RegExp, string][] = [
  [/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, 'eyJ…'],
  [/^mk_[\w-]{16,}$/, 'mk_…'],
  [/^whsec_[\w-]{16,}$/, 'whsec_…'],
];

function sanitize(value: unknown): unknown {
  if (typeof value === 'string') {
    const secret = SECRETS.find(([re]) => re.test(value));
    return secret ? secret[1] : value;
  }
  if (Array.isArray(value)) return value.slice(0, 3).map(sanitize);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitize(v)]));
  }
  return value;
}

/** How much an example shows: its non-null leaves (an empty list or a null shows nothing). */
function richness(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + richness(v), 0);
  if (typeof value === 'object') {
    return Object.values(value).reduce((n: number, v) => n + richness(v), 0);
  }
  return 1;
}

/** The richest candidate, the shorter of equals, then the first in text order: stable. */
function pick<T>(candidates: T[], measure: (c: T) => unknown): T {
  const scored = candidates.map((c) => {
    const text = JSON.stringify(measure(c));
    return { c, score: richness(measure(c)), text };
  });
  scored.sort(
    (a, b) => b.score - a.score || a.text.length - b.text.length || (a.text < b.text ? -1 : 1),
  );
  return scored[0].c;
}

const fieldsOf = (v: unknown) => (typeof v === 'object' && v !== null ? Object.keys(v) : []);

/**
 * The shared example of a code stands for every operation not seen to answer it, so it is
 * drawn from the answers that carry only fields more than one operation answered that code
 * with: not one route's extras (the import's `report` beside its VALIDATION_FAILED).
 */
function common(answers: { key: string; response: unknown }[]): unknown[] {
  const keysOf = new Map<string, Set<string>>();
  for (const { key, response } of answers) {
    for (const f of fieldsOf(response)) keysOf.set(f, (keysOf.get(f) ?? new Set()).add(key));
  }
  const plain = answers.filter((a) =>
    fieldsOf(a.response).every((f) => (keysOf.get(f)?.size ?? 0) > 1),
  );
  return (plain.length ? plain : answers).map((a) => a.response);
}

const errorCode = (response: unknown): string | null => {
  const code: unknown =
    typeof response === 'object' && response !== null ? Reflect.get(response, 'code') : null;
  return typeof code === 'string' ? code : null;
};

function build(exchanges: Exchange[]): RecordedFile {
  const actionPaths = new Set(
    httpActions().map((t) => GENERIC_ACTION_PATH.replace('{action}', t.action)),
  );
  const byKey = new Map<string, Exchange[]>();
  const add = (key: string, x: Exchange) => byKey.set(key, [...(byKey.get(key) ?? []), x]);
  for (const raw of exchanges) {
    const x = { ...raw, request: sanitize(raw.request), response: sanitize(raw.response) };
    const isAction = x.path.startsWith('/api/v1/cases/{id}/actions/');
    // An action that is not in the table answered through the generic route only.
    const path = isAction && !actionPaths.has(x.path) ? GENERIC_ACTION_PATH : x.path;
    add(`${x.method} ${path}`, x);
    if (isAction && path !== GENERIC_ACTION_PATH) add(`POST ${GENERIC_ACTION_PATH}`, x);
  }
  const operations: Record<string, RecordedOperation> = {};
  const sharedErrors = new Map<string, { key: string; response: unknown }[]>();
  for (const key of [...byKey.keys()].sort()) {
    const list = byKey.get(key) ?? [];
    const op: RecordedOperation = {};
    const successes = list.filter((x) => x.status < 400);
    const statuses = [...new Set(successes.map((x) => String(x.status)))].sort();
    if (statuses.length) {
      op.responses = {};
      for (const status of statuses) {
        const chosen = pick(
          successes.filter((x) => String(x.status) === status),
          (x) => x.response,
        );
        op.responses[status] = chosen.response;
        if (status === statuses[0] && chosen.request !== undefined) {
          op.request = pick(
            successes.filter((x) => x.request !== undefined && String(x.status) === status),
            (x) => x.request,
          ).request;
        }
      }
    }
    const errors = new Map<string, unknown[]>();
    for (const x of list.filter((e) => e.status >= 400)) {
      const code = errorCode(x.response);
      if (!code) continue;
      errors.set(code, [...(errors.get(code) ?? []), x.response]);
      sharedErrors.set(code, [...(sharedErrors.get(code) ?? []), { key, response: x.response }]);
    }
    if (errors.size) {
      op.errors = Object.fromEntries(
        [...errors.keys()].sort().map((code) => [code, pick(errors.get(code) ?? [], (r) => r)]),
      );
    }
    operations[key] = op;
  }
  return {
    $comment:
      'Recorded from a real run of the walks in test/openapi-examples by `npm run docs:openapi-examples`; do not edit by hand.',
    operations,
    errors: Object.fromEntries(
      [...sharedErrors.keys()]
        .sort()
        .map((code) => [code, pick(common(sharedErrors.get(code) ?? []), (r) => r)]),
    ),
  };
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: openapi-examples <folder of recorded .jsonl files>');
  process.exit(2);
}
const exchanges: Exchange[] = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line): Exchange => JSON.parse(line)),
  );
const file = build(exchanges);
writeFileSync(join(projectRoot(), RECORDED_EXAMPLES_PATH), `${JSON.stringify(file, null, 2)}\n`);
console.error(
  `${RECORDED_EXAMPLES_PATH}: ${Object.keys(file.operations).length} operations from ${exchanges.length} exchanges`,
);
