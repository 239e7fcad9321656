import type { Test } from 'supertest';
import { startTestApp, TestApp } from './harness';
import type { RouteEntry } from './support/authorization-expect';
import { TABLE } from './support/authorization-table';
import { buildAuthWorld, CALLERS, databaseState } from './support/authorization-world';
import type { AuthWorld, Caller } from './support/authorization-world';

/**
 * The route × caller × object matrix: every operation of the API, read from the document the
 * running application builds, called by anonymous, each role, and each role on someone else's
 * object, against the one declared table (support/authorization-table.ts). First every call
 * that must be refused, in parallel, with the database compared before and after; then every
 * call that must get through, in the table's order (some of them change things).
 */
const PREFIX = '/api/v1';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let t: TestApp;
let world: AuthWorld;
let operations: string[];

interface Cell {
  key: string;
  entry: RouteEntry;
  caller: Caller;
}

function send(cell: Cell): Test {
  const [method, path] = [cell.key.split(' ')[0], cell.entry.path(world.objects, cell.caller)];
  const http = t.http();
  const url = `${PREFIX}${path}`;
  const req = world.as(
    cell.caller,
    method === 'GET'
      ? http.get(url)
      : method === 'POST'
        ? http.post(url)
        : method === 'PATCH'
          ? http.patch(url)
          : method === 'PUT'
            ? http.put(url)
            : http.delete(url),
  );
  if (cell.entry.file)
    return req.attach('file', PDF, { filename: 'n.pdf', contentType: 'application/pdf' });
  const body = cell.entry.body?.(world.objects, cell.caller);
  return body ? req.send(body) : req;
}

const describeCell = (c: Cell, status: number, body: unknown) =>
  `${c.key} as ${c.caller}: expected ${c.entry.expect[c.caller]}, got ${status} ${JSON.stringify(body).slice(0, 160)}`;

/** Runs the cells `width` at a time; the mismatches, described. */
async function run(
  cells: Cell[],
  width: number,
  check: (c: Cell, res: { status: number; body: unknown }) => string | null,
) {
  const wrong: string[] = [];
  for (let i = 0; i < cells.length; i += width) {
    const batch = cells.slice(i, i + width);
    const answers = await Promise.all(batch.map((c) => send(c)));
    batch.forEach((c, j) => {
      const problem = check(c, answers[j]);
      if (problem) wrong.push(problem);
    });
  }
  return wrong;
}

const cells = (refusals: boolean): Cell[] =>
  Object.entries(TABLE).flatMap(([key, entry]) =>
    CALLERS.filter((c) => (entry.expect[c] >= 400 && !entry.sequel?.includes(c)) === refusals).map(
      (caller) => ({ key: `${key.split(' ')[0]} ${PREFIX}${key.split(' ')[1]}`, entry, caller }),
    ),
  );

beforeAll(async () => {
  t = await startTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  const doc = (await t.http().get('/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
  );
  world = await buildAuthWorld(t);
}, 300_000);
afterAll(() => t?.close());

describe('the authorization matrix', () => {
  it('declares every operation of the running application, and only those', () => {
    const declared = Object.keys(TABLE).map(
      (k) => `${k.split(' ')[0]} ${PREFIX}${k.split(' ')[1]}`,
    );
    expect(operations.filter((o) => !declared.includes(o))).toEqual([]);
    expect(declared.filter((d) => !operations.includes(d))).toEqual([]);
    // The document does not invent routes: each (but the operations per action, which the
    // generic action route serves) is one the server has.
    const server = t.app.getHttpAdapter().getInstance();
    const missing = operations
      .filter((o) => !/\/actions\/[a-z_]+$/.test(o))
      .filter((o) => {
        const [method, path] = o.split(' ');
        return !server.hasRoute({ method, url: path.replace(/\{(\w+)\}/g, ':$1') });
      });
    expect(missing).toEqual([]);
  });

  it('refuses every caller who may not, in the contract’s shape, and changes nothing', async () => {
    const before = await databaseState(t);
    const refusals = cells(true);
    const wrong = await run(refusals, 6, (c, res) => {
      const want = c.entry.expect[c.caller];
      if (res.status !== want) return describeCell(c, res.status, res.body);
      const body = res.body as { statusCode?: number; code?: string; message?: string };
      if (want >= 400 && (body.statusCode !== want || !body.code || !body.message)) {
        return describeCell(c, res.status, res.body);
      }
      return null;
    });
    expect(wrong).toEqual([]);
    expect(await databaseState(t)).toEqual(before);
    expect(refusals.length).toBeGreaterThan(500);
  });

  it('lets every caller who may through, to the answer the table declares', async () => {
    const wrong = await run(cells(false), 1, (c, res) =>
      res.status === c.entry.expect[c.caller] ? null : describeCell(c, res.status, res.body),
    );
    expect(wrong).toEqual([]);
  });
});
