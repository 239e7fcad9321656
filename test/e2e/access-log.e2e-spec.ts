import { adminToken, fileCase, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface Entry {
  readerId: string;
  readerRole: string;
  caseId: string;
  fields: string[];
  source: string;
  readAt: string;
}

describe('the access log of unmasked personal data', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false' });
    w = await newWorld(t);
    admin = await adminToken(t);
    caseId = (await fileCase(t, w)).id;
  });
  afterAll(() => t.close());

  const rowsOf = async (id: string): Promise<number> => {
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM personal_data_reads WHERE case_id = $1',
      [id],
    );
    return n;
  };

  const logOf = async (query: string): Promise<{ items: Entry[]; nextCursor: string | null }> =>
    (await t.http().get(`/api/v1/admin/access-log?${query}`).set(bearer(admin)).expect(200)).body;

  it('records who read which fields of which case, and when, for the centre’s staff', async () => {
    const before = Date.now();
    const read = await t.http().get(`/api/v1/cases/${caseId}`).set(bearer(w.clerk.token));
    expect(read.body.borrower.idNumber).toBe(w.borrower.idNumber);
    await t.http().get('/api/v1/cases').set(bearer(w.clerk.token)).expect(200);
    const { items } = await logOf(`caseId=${caseId}`);
    expect(items.map((e) => [e.readerId, e.readerRole, e.source])).toEqual([
      [w.clerk.id, 'clerk', 'case_list'],
      [w.clerk.id, 'clerk', 'case'],
    ]);
    expect(items[1].fields).toEqual(['borrower.idNumber', 'borrower.phone']);
    expect(Date.parse(items[1].readAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('records nothing for a read that showed the data masked, or the borrower’s own', async () => {
    const notified = (await newCase(t, w, { status: 'lender_notified' })).id;
    const quiet = await rowsOf(notified);
    const lenderRead = await t
      .http()
      .get(`/api/v1/cases/${notified}`)
      .set(bearer(w.lenderRep.token))
      .expect(200);
    expect(lenderRead.body.borrower.idNumber).not.toBe(w.borrower.idNumber);
    await t.http().get(`/api/v1/cases/${notified}`).set(bearer(w.borrower.token)).expect(200);
    expect(await rowsOf(notified)).toBe(quiet);
  });

  it('records an evidence download by staff', async () => {
    const up = await t
      .http()
      .post(`/api/v1/cases/${caseId}/evidence`)
      .set(bearer(w.borrower.token))
      .attach('file', PDF, { filename: 'note.pdf', contentType: 'application/pdf' })
      .expect(201);
    await t
      .http()
      .get(`/api/v1/cases/${caseId}/evidence/${up.body.id}`)
      .set(bearer(w.clerk.token))
      .expect(200);
    const { items } = await logOf(`caseId=${caseId}&limit=1`);
    expect(items[0]).toMatchObject({ readerId: w.clerk.id, source: `evidence:${up.body.id}` });
    expect(items[0].fields).toEqual(['evidence']);
  });

  it('pages newest first', async () => {
    const first = await logOf(`caseId=${caseId}&limit=2`);
    expect(first.items).toHaveLength(2);
    const second = await logOf(`caseId=${caseId}&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.length).toBeGreaterThan(0);
    const all = [...first.items, ...second.items].map((e) => e.readAt);
    expect(all).toEqual([...all].sort().reverse());
  });

  it('is for admins only', async () => {
    await t.http().get('/api/v1/admin/access-log').expect(401);
    for (const who of [w.clerk, w.mediator, w.lenderRep, w.borrower]) {
      await t.http().get('/api/v1/admin/access-log').set(bearer(who.token)).expect(403);
    }
  });
});
