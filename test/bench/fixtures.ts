import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import type { Role } from '../../src/common/roles';
import type { BenchSettings } from './bench-settings';
import { CENTRES, CLERKS_PER_CENTRE, REPS_PER_LENDER, seedApiKey, seedId } from './seed-ids';
import { JWT_SECRET } from './servers';
import { startPageSessions } from './page-sessions';

/**
 * An HS256 access token as the service issues them (`sub`, `role`, `org`, and `tv`, the
 * seeded users' token version 0), valid for 12 hours.
 */
export function mintToken(sub: string, role: Role, org: string | null): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, role, org, tv: 0, iat: now, exp: now + 43_200 })}`;
  return `${head}.${createHmac('sha256', JWT_SECRET).update(head).digest('base64url')}`;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface Person {
  id: string;
  role: Role;
  org: string | null;
  headers: Record<string, string>;
}

const person = (id: string, role: Role, org: string | null): Person => ({
  id,
  role,
  org,
  headers: bearer(mintToken(id, role, org)),
});

/** Who the operations act as, and on which cases: all seeded, named by their seed ids. */
export interface Fixtures {
  borrowers: Person[];
  reps: Person[];
  apiKeys: Record<string, string>[];
  mediators: Person[];
  clerks: Person[];
  admin: Person;
  /** Cases a lender was notified of, spread over the newest fifth, with a rep who may read them. */
  readCases: { id: string; reader: Person }[];
  /** The newest case the seed made for borrower 1, for the borrower's own pages. */
  /** `page`: the owner's page session cookie (the pages take no bearer token). */
  borrowerCase: { id: string; owner: Person; page: Record<string, string> };
  /** The `Cookie` header of a signed-in browser (a live page session), by user id. */
  pageCookie: (userId: string) => Record<string, string>;
  /** A real case number and contract number to search for, and a lender who sees that case. */
  sample: { caseNumber: string; contractNumber: string; reader: Person };
  person: typeof person;
}

export async function loadFixtures(db: Client, s: BenchSettings): Promise<Fixtures> {
  const lenderNo = new Map<string, number>();
  for (let n = 1; n <= s.lenders; n++) lenderNo.set(seedId('lender', n), n);
  const m1 = Math.round(s.mediators * 0.6);
  const reps = Array.from({ length: s.lenders * REPS_PER_LENDER }, (_, i) =>
    person(
      seedId('lender-rep', i + 1),
      'lender',
      seedId('lender', Math.floor(i / REPS_PER_LENDER) + 1),
    ),
  );
  // Every 37th case counting back from the newest, so the reads do not all hit one page.
  const candidates = Array.from({ length: 400 }, (_, k) =>
    seedId('case', s.cases - ((k * 37) % Math.ceil(s.cases / 5))),
  );
  const found = await db.query<{ id: string; lender_organization_id: string }>(
    `SELECT id, lender_organization_id FROM cases WHERE id = ANY($1::uuid[]) AND lender_notified_at IS NOT NULL`,
    [candidates],
  );
  const byId = new Map(found.rows.map((r) => [r.id, r.lender_organization_id]));
  const readCases = candidates
    .filter((id) => byId.has(id))
    .slice(0, s.connections)
    .map((id, k) => {
      const n = lenderNo.get(byId.get(id)!)!;
      return { id, reader: reps[(n - 1) * REPS_PER_LENDER + (k % REPS_PER_LENDER)] };
    });
  // The newest the seed made: a case the bench files through the API later (the agreements)
  // is newer, and would make the page measured depend on what earlier runs left behind.
  const own = await db.query<{ id: string }>(
    `SELECT id FROM cases
      WHERE borrower_id = $1 AND created_at <= (SELECT (info->>'seededAt')::timestamptz FROM bench.seed)
      ORDER BY created_at DESC LIMIT 1`,
    [seedId('borrower', 1)],
  );
  if (!own.rows[0] || readCases.length === 0)
    throw new Error('the seed has no cases to read: seed again (BENCH_RESEED=1)');
  const sample = await db.query<{ case_number: string; loan_contract_number: string }>(
    `SELECT case_number, loan_contract_number FROM cases WHERE id = $1`,
    [readCases[0].id],
  );
  const borrowers = Array.from({ length: Math.min(s.borrowers, 200) }, (_, i) =>
    person(seedId('borrower', i + 1), 'borrower', null),
  );
  const clerks = Array.from({ length: CENTRES * CLERKS_PER_CENTRE }, (_, i) =>
    person(
      seedId('clerk', i + 1),
      'clerk',
      seedId('centre', Math.floor(i / CLERKS_PER_CENTRE) + 1),
    ),
  );
  const cookies = await startPageSessions(
    db,
    [...borrowers, ...clerks].map((p) => p.id),
  );
  const pageCookie = (userId: string) => {
    const cookie = cookies.get(userId);
    if (!cookie) throw new Error(`no page session was started for ${userId}`);
    return cookie;
  };
  return {
    pageCookie,
    borrowers,
    reps,
    apiKeys: Array.from({ length: s.lenders }, (_, i) => ({ 'x-api-key': seedApiKey(i + 1) })),
    mediators: Array.from({ length: s.mediators }, (_, i) =>
      person(seedId('mediator', i + 1), 'mediator', seedId('centre', i < m1 ? 1 : 2)),
    ),
    clerks,
    admin: person(seedId('admin', 1), 'admin', null),
    readCases,
    borrowerCase: {
      id: own.rows[0].id,
      owner: person(seedId('borrower', 1), 'borrower', null),
      page: pageCookie(seedId('borrower', 1)),
    },
    sample: {
      caseNumber: sample.rows[0].case_number,
      contractNumber: sample.rows[0].loan_contract_number,
      reader: readCases[0].reader,
    },
    person,
  };
}
