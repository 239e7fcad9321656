/**
 * The ceiling the service is measured against: a bare `node:http` + `pg` handler, in its own
 * process, doing per request the work the service does and nothing else — verify the HS256
 * token with node:crypto (or look up the API key), load the caller by id, run the service's own
 * list SQL (imported from src, so it cannot drift), mask personal data with the service's own
 * rules, record a staff read of unmasked data in the access log with the service's own statement,
 * and serialise the same fields. The bench checks that both answer the same bytes' worth
 * of JSON before it measures.
 *
 * Environment: DATABASE_URL, JWT_SECRET, PORT, POOL_SIZE.
 */
import { createHash, createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { userPrincipal } from '../../src/access/principal';
import type { Principal } from '../../src/access/principal';
import { CASE_PERSONAL_FIELDS, logsCaseRead, readerOf } from '../../src/cases/access-log.service';
import { personalDataReadsInsert } from '../../src/cases/access-log.repository';
import { caseListQuery, caseReadQuery } from '../../src/cases/case-list.query';
import { namedStatement } from '../../src/common/prepared-statement';
import { decodeCursor, encodeCursor } from '../../src/common/pagination';
import type { CaseStatus } from '../../src/workflow/states';

import { caseJson } from './bare-case-json';

function verifyHs256(token: string, key: KeyObject): { sub?: string } | null {
  const [header, payload, signature] = token.split('.');
  if (!signature) return null;
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'HS256') return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) return null;
    return claims;
  } catch {
    return null;
  }
}

async function principalOf(
  req: IncomingMessage,
  pool: Pool,
  key: KeyObject,
): Promise<Principal | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const claims = verifyHs256(auth.slice(7), key);
    if (!claims?.sub) return null;
    const { rows } = await pool.query({
      ...namedStatement(
        'SELECT id, role, organization_id, name FROM users WHERE id = $1 AND active',
      ),
      values: [claims.sub],
    });
    const u = rows[0];
    if (!u) return null;
    return userPrincipal({
      id: u.id,
      role: u.role,
      organizationId: u.organization_id,
      name: u.name,
    });
  }
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0 && apiKey.length <= 200) {
    const { rows } = await pool.query({
      ...namedStatement(`SELECT k.id, k.name, o.id AS organization_id, o.name AS organization_name
         FROM api_keys k JOIN organizations o ON o.id = k.organization_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND o.type = 'lender'`),
      values: [createHash('sha256').update(apiKey).digest('hex')],
    });
    const k = rows[0];
    if (!k) return null;
    return {
      kind: 'api_key',
      userId: null,
      apiKeyId: k.id,
      role: 'lender',
      organizationId: k.organization_id,
      name: `${k.organization_name} (API key ${k.name})`,
    };
  }
  return null;
}

/** The single read: the service's own query (src/cases/case-list.query.ts), so it cannot drift. */
export const caseByIdQuery = (p: Principal, id: string) => caseReadQuery(p, id);

/**
 * The access log the law asks for (PIPL art. 55): a staff read of unmasked data is recorded
 * with the service's own statement (src/cases/access-log.repository.ts), as part of the work.
 */
async function recordRead(pool: Pool, p: Principal, caseIds: string[], source: string) {
  if (!logsCaseRead(p) || caseIds.length === 0) return;
  const { sql, params } = personalDataReadsInsert({
    ...readerOf(p),
    caseIds,
    fields: CASE_PERSONAL_FIELDS,
    source,
    readAt: new Date(),
  });
  await pool.query(sql, params);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const problem = (statusCode: number, code: string, message: string) => ({
  statusCode,
  code,
  message,
});

async function handle(req: IncomingMessage, res: ServerResponse, pool: Pool, key: KeyObject) {
  const url = new URL(req.url ?? '/', 'http://bare');
  if (req.method !== 'GET' || !url.pathname.startsWith('/api/v1/cases')) {
    return send(res, 404, problem(404, 'NOT_FOUND', 'no such route'));
  }
  const p = await principalOf(req, pool, key);
  if (!p)
    return send(
      res,
      401,
      problem(401, 'UNAUTHENTICATED', 'a valid access token or API key is required'),
    );
  if (url.pathname === '/api/v1/cases') {
    const limit = Number(url.searchParams.get('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return send(res, 400, problem(400, 'VALIDATION_FAILED', 'limit must be 1 to 100'));
    }
    const cursor = url.searchParams.get('cursor');
    const { sql, params } = caseListQuery(p, {
      limit,
      status: (url.searchParams.get('status') as CaseStatus | null) ?? undefined,
      q: url.searchParams.get('q')?.trim() || undefined,
      after: cursor ? decodeCursor(cursor) : undefined,
    });
    const { rows } = await pool.query(sql, params);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit ? encodeCursor(last.created_at, last.id) : null;
    await recordRead(
      pool,
      p,
      items.map((r) => r.id),
      'case_list',
    );
    return send(res, 200, { items: items.map((r) => caseJson(r, p)), nextCursor });
  }
  const id = /^\/api\/v1\/cases\/([^/]+)$/.exec(url.pathname)?.[1];
  if (!id) return send(res, 404, problem(404, 'NOT_FOUND', 'no such route'));
  if (!UUID.test(id)) return send(res, 404, problem(404, 'CASE_NOT_FOUND', 'no such case'));
  const { sql, params } = caseByIdQuery(p, id);
  // Named, as the service sends its reads by key (src/common/prepared-statement.ts).
  const { rows } = await pool.query({ ...namedStatement(sql), values: params });
  if (!rows[0]) return send(res, 404, problem(404, 'CASE_NOT_FOUND', 'no such case'));
  await recordRead(pool, p, [rows[0].id], 'case');
  return send(res, 200, caseJson(rows[0], p), { etag: `"${rows[0].version}"` });
}

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

export function startBareServer(o: {
  databaseUrl: string;
  jwtSecret: string;
  port: number;
  poolSize: number;
}): Promise<BareServer> {
  const pool = new Pool({
    connectionString: o.databaseUrl,
    max: o.poolSize,
    application_name: 'bench-bare',
  });
  const key = createSecretKey(Buffer.from(o.jwtSecret));
  const server = createServer((req, res) => {
    handle(req, res, pool, key).catch((e: unknown) => {
      process.stderr.write(`bare: ${e instanceof Error ? e.stack : String(e)}\n`);
      if (!res.headersSent) send(res, 500, problem(500, 'INTERNAL', 'internal error'));
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((ok) =>
    server.listen(o.port, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      ok({
        url: `http://127.0.0.1:${port}`,
        close: async () => {
          server.closeAllConnections();
          await new Promise((done) => server.close(done));
          await pool.end();
        },
      });
    }),
  );
}

async function main() {
  const { DATABASE_URL, JWT_SECRET, PORT, POOL_SIZE } = process.env;
  if (!DATABASE_URL || !JWT_SECRET || !PORT)
    throw new Error('DATABASE_URL, JWT_SECRET and PORT are required');
  const bare = await startBareServer({
    databaseUrl: DATABASE_URL,
    jwtSecret: JWT_SECRET,
    port: Number(PORT),
    poolSize: Number(POOL_SIZE ?? 10),
  });
  process.stdout.write(`READY ${bare.url}\n`);
  const stop = () => void bare.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Never outlive the bench that started it.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(0), 1000).unref();
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`bare: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
