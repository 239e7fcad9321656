import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS } from '../../src/common/errors/app-error';
import { RecordedExamples } from '../../src/openapi/recorded-examples';
import { TRANSITIONS } from '../../src/workflow/transitions';
import { startTestApp, TestApp } from './harness';
import {
  escapeHatches,
  EXAMPLE_CLIENT,
  generateTypes,
  redoclyLint,
  ROOT,
  typeCheck,
  TYPE_CLAIMS,
  workspaceWith,
} from './support/openapi-toolchain';

/**
 * The document a lender's engineer integrates from (/docs-json), checked the way they would
 * use it: Redocly's recommended lint, openapi-typescript, and the example client compiled
 * under strict against the generated types. Generated once for the file.
 */
interface Media {
  schema?: { $ref?: string };
  examples?: Record<string, { value?: unknown; $ref?: string }>;
}
interface Operation {
  operationId: string;
  summary?: string;
  security?: unknown[];
  parameters?: { in?: string; name?: string; required?: boolean; $ref?: string }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
}
interface Document {
  servers: { url: string }[];
  info: { license?: { name: string; url: string }; contact?: unknown };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, { required: boolean }> };
}

const operations = (d: Document) =>
  Object.entries(d.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

let t: TestApp;
let doc: Document;
let dir: string;
let lint: string[];
let types: string;
let compiled: string;
/** The generated types as committed for readers of docs/examples (lender-api.d.ts). */
const COMMITTED_TYPES = join(ROOT, 'docs', 'examples', 'lender-api.d.ts');

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_BASE_URL: 'https://mediation.test' });
  doc = (await t.http().get('/docs-json').expect(200)).body;
  dir = workspaceWith(doc);
  [lint, types] = await Promise.all([redoclyLint(dir), generateTypes(dir)]);
  // UPDATE_LENDER_API_TYPES=1 (npm run docs:lender-api-types) writes them instead of checking.
  if (process.env.UPDATE_LENDER_API_TYPES) writeFileSync(COMMITTED_TYPES, types);
  compiled = await typeCheck(dir, { 'type-claims.ts': TYPE_CLAIMS });
});
afterAll(() => t?.close());

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules without an error or a warning', () => {
    expect(lint).toEqual([]);
  });

  it('has servers, a licence, a contact and a description for every tag', () => {
    expect(doc.servers).toEqual([
      { url: 'https://mediation.test', description: expect.any(String) },
    ]);
    expect(doc.info.license).toEqual({ name: expect.any(String), url: 'https://mediation.test/' });
    expect(doc.info.contact).toBeDefined();
    for (const tag of doc.tags) expect(tag.description).not.toBe('');
  });

  it('has one operation per action of the transition table, each with its own body', () => {
    const http = TRANSITIONS.filter((r) => !(r.actor as readonly string[]).includes('system'));
    const documented = Object.keys(doc.paths).filter((p) =>
      /^\/api\/v1\/cases\/\{id\}\/actions\/[a-z_]+$/.test(p),
    );
    expect(documented.sort()).toEqual(
      http.map((r) => `/api/v1/cases/{id}/actions/${r.action}`).sort(),
    );
    for (const r of http) {
      const op = doc.paths[`/api/v1/cases/{id}/actions/${r.action}`].post;
      const body = op.requestBody?.content['application/json'].schema?.$ref;
      expect(body).toBe(r.input ? `#/components/schemas/${r.input.name}` : undefined);
    }
  });

  it('requires no header: Idempotency-Key and If-Match are declared once, optional', () => {
    for (const { key, op } of operations(doc)) {
      for (const p of op.parameters ?? []) {
        if (p.in === 'header') throw new Error(`${key} declares header ${p.name} inline`);
      }
    }
    expect(doc.components.parameters.IdempotencyKey.required).toBe(false);
    expect(doc.components.parameters.IfMatch.required).toBe(false);
  });

  it('describes every response, and gives every JSON body an example recorded from a run', () => {
    const missing: string[] = [];
    for (const { key, op } of operations(doc)) {
      if (!op.summary) missing.push(`${key}: summary`);
      const bodies = Object.entries(op.requestBody?.content ?? {});
      for (const [type, media] of bodies) {
        if (type === 'application/json' && !media.examples) missing.push(`${key}: request example`);
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (!response.description) missing.push(`${key} ${status}: description`);
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (type === 'application/json' && !media.examples) {
            missing.push(`${key} ${status}: example`);
          }
        }
      }
    }
    // A response without one: call it in a walk of test/openapi-examples, then
    // `npm run docs:openapi-examples` records it.
    expect(missing).toEqual([]);
  });

  it('answers errors as JSON, listing each code an operation was seen to answer', () => {
    const recorded = RecordedExamples.load().file.operations;
    const undeclared: string[] = [];
    for (const { key, op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400)
          expect(Object.keys(response.content ?? {})).toEqual(['application/json']);
      }
      for (const code of Object.keys(recorded[key]?.errors ?? {})) {
        const status = String(Object.entries(ERROR_STATUS).find(([c]) => c === code)?.[1]);
        const listed = op.responses[status]?.content?.['application/json'].examples ?? {};
        if (!(code in listed)) undeclared.push(`${key}: ${status} ${code}`);
      }
    }
    expect(undeclared).toEqual([]);
    for (const path of [
      '/api/v1/cases/{id}/agreement/pdf',
      '/api/v1/cases/{id}/plan/certificate',
    ]) {
      const pdf = doc.paths[path].get.responses['200'].content ?? {};
      expect(pdf).toEqual({ 'application/pdf': { schema: { type: 'string', format: 'binary' } } });
    }
  });

  it('has `security: []` on the public routes only', () => {
    const open = operations(doc)
      .filter(({ op }) => op.security?.length === 0)
      .map(({ key }) => key);
    expect(open.sort()).toEqual(
      [
        'GET /api/v1/privacy-notice',
        'GET /api/v1/verify/{code}',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/register',
        'POST /api/v1/verify',
        'POST /api/v1/verify/settlement-certificate',
      ].sort(),
    );
  });
});

describe('the example lender client (docs/examples/lender-client.ts)', () => {
  it('is written against the types openapi-typescript generates from the document now', () => {
    const committed = readFileSync(COMMITTED_TYPES, 'utf8');
    if (committed !== types) {
      throw new Error('docs/examples/lender-api.d.ts is stale: npm run docs:lender-api-types');
    }
  });

  it('compiles under strict against the generated types, and so do the type claims', () => {
    expect(compiled).toBe('');
  });

  it('uses no cast, no `any` and no `!`', () => {
    expect(escapeHatches(EXAMPLE_CLIENT)).toEqual([]);
  });
});
