import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { startTestApp, TestApp } from './harness';
import { databaseState } from './support/authorization-world';
import { buildFuzzWorld, FuzzWorld } from './support/input-fuzz-world';
import { malformed } from './support/input-fuzz-mutations';
import type { Malformed, Schema, Schemas } from './support/input-fuzz-mutations';

/**
 * A bounded, seeded fuzzer over every JSON body of the API: for each POST, PATCH, PUT (and
 * DELETE) operation of the document the running application builds, RUNS malformed bodies
 * derived from its schema, sent by a caller the route is for (on a case in the state its
 * action starts from), must each get a 4xx in the one error shape, with no stack, SQL or
 * path in it, and change nothing in the database.
 */
// Twelve per operation, seeded: every kind of mutation reaches most routes within the suite's time.
const RUNS = 12;
const SEED = 12368;
const BATCH = 4;

interface Operation {
  description?: string;
  security?: unknown[];
  requestBody?: {
    content: Record<string, { schema: Schema; examples?: { recorded?: { value?: unknown } } }>;
  };
}

let t: TestApp;
let world: FuzzWorld;
let schemas: Schemas;
let bodies: { key: string; op: Operation }[];

/** A seed per operation, so that adding one does not change what the others are sent. */
const seedOf = (key: string) => SEED ^ createHash('sha256').update(key).digest().readUInt32BE(0);

const LEAK =
  /node_modules|\.ts:\d+|\bat [\w.<>]+ \(|SELECT |INSERT |UPDATE |QueryFailedError|\/work\/|\/tmp\//;

function problemWith(status: number, body: Record<string, unknown>, text: string): string | null {
  if (status < 400 || status >= 500) return `answered ${status}`;
  if (body.statusCode !== status) return `statusCode ${String(body.statusCode)}`;
  if (typeof body.code !== 'string' || typeof body.message !== 'string')
    return 'no code or message';
  const errors = body.errors;
  if (errors !== undefined) {
    const ok =
      Array.isArray(errors) &&
      errors.every((e) => typeof e?.field === 'string' && typeof e?.message === 'string');
    if (!ok) return 'errors not [{ field, message }]';
  }
  if (LEAK.test(text)) return `leaks ${LEAK.exec(text)![0]}`;
  return null;
}

beforeAll(async () => {
  t = await startTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  const doc = (await t.http().get('/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Schemas };
  };
  schemas = doc.components.schemas;
  bodies = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m, op]) => m !== 'get' && op.requestBody?.content['application/json'])
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, op })),
  );
  world = await buildFuzzWorld(t);
}, 600_000);
afterAll(() => t?.close());

describe('malformed JSON bodies', () => {
  it('finds the JSON bodies of the API', () => {
    expect(bodies.length).toBeGreaterThan(40);
  });

  it(`refuses ${RUNS} malformed bodies per operation with a 4xx in the one shape, changing nothing`, async () => {
    const before = await databaseState(t);
    const wrong: string[] = [];
    let sent = 0;
    for (const { key, op } of bodies) {
      const media = op.requestBody!.content['application/json'];
      const example = media.examples?.recorded?.value;
      const base =
        example && typeof example === 'object' && !Array.isArray(example)
          ? (example as Record<string, unknown>)
          : undefined;
      const cases: Malformed[] = fc.sample(malformed(media.schema, schemas, base), {
        seed: seedOf(key),
        numRuns: RUNS,
      });
      const who = /\*\*Who may call\*\*: ([^\n]*)/.exec(op.description ?? '')?.[1] ?? null;
      const { path, token } = world.target(key, op.security?.length ? who : null);
      const method = key.split(' ')[0].toLowerCase() as 'post' | 'patch' | 'put' | 'delete';
      for (let i = 0; i < cases.length; i += BATCH) {
        const batch = cases.slice(i, i + BATCH);
        const answers = await Promise.all(
          batch.map((m) => {
            const req = t.http()[method](path).set('Content-Type', 'application/json');
            if (token) req.set('Authorization', `Bearer ${token}`);
            return req.send(m.json);
          }),
        );
        batch.forEach((m, j) => {
          sent += 1;
          const res = answers[j];
          const problem = problemWith(res.status, res.body ?? {}, res.text ?? '');
          if (problem) wrong.push(`${key} (${m.what}): ${problem} ${res.text.slice(0, 200)}`);
        });
      }
    }
    expect(wrong).toEqual([]);
    expect(sent).toBe(bodies.length * RUNS);
    expect(await databaseState(t)).toEqual(before);
  });
});
