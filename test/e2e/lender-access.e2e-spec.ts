import { act, debtStatement, fileCase, newWorld } from './factories';
import type { TestApp } from './harness';
import {
  accepted,
  BEARER,
  Cred,
  example,
  flushExamples,
  KEY_HEADER,
  LenderDesk,
} from './support/lender';
import { caseAs, serveNotice } from './support/deadlines';

describe('lender integration: what a lender sees and may do', () => {
  let desk: LenderDesk;
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    // Keys kept a minute (production: 5 s): a revocation must still refuse the next request.
    desk = await LenderDesk.start({ PRINCIPAL_CACHE_SECONDS: '60' });
    ({ t, admin } = desk);
  });
  afterAll(async () => {
    flushExamples();
    await desk.close();
  });
  const http = (cred: Cred) => desk.http(cred);
  const eventCount = (caseId: string) => desk.eventCount(caseId);
  const issueKey = (organizationId: string) => desk.issueKey(organizationId);

  it('lists only the lender’s own notified cases, by status, answer due date and contract number', async () => {
    const w = await newWorld(t);
    const rep = http({ token: w.lenderRep.token });
    const notYet = (await fileCase(t, w, { mediationCenterId: w.center.id })) as unknown as {
      loan: { contractNumber: string };
    };
    const a = await accepted(t, w);
    const b = await accepted(t, w);
    const declined = await act(t, w.lenderRep.token, b.id, 'lender_decline', {
      reason: '借款人已另行达成还款安排',
    });
    expect(declined.body).toMatchObject({
      status: 'unsuccessful',
      closureReason: 'lender_declined',
    });
    example('Decline, with a reason', declined, { reason: '借款人已另行达成还款安排' }, BEARER);
    const ids = async (query: string) =>
      ((await rep.get(`/cases${query}`).expect(200)).body.items as { id: string }[]).map(
        (c) => c.id,
      );

    expect(await ids('')).toEqual([b.id, a.id]);
    expect(await ids('?status=lender_notified')).toEqual([a.id]);
    expect(await ids('?status=unsuccessful')).toEqual([b.id]);
    expect(await ids(`?contractNumber=${encodeURIComponent(a.loan.contractNumber)}`)).toEqual([
      a.id,
    ]);
    // The lender's window runs once its notice is served.
    await serveNotice(t, a.id, 'accept', 'lender');
    const served = await caseAs(t, w.lenderRep.token, a.id);
    const due = new Date(served.lenderResponseDueAt ?? NaN).getTime();
    expect(await ids(`?answerDueBefore=${new Date(due + 60_000).toISOString()}`)).toContain(a.id);
    expect(await ids(`?answerDueBefore=${new Date(due - 60_000).toISOString()}`)).not.toContain(
      a.id,
    );
    expect(await ids(`?contractNumber=${encodeURIComponent(notYet.loan.contractNumber)}`)).toEqual(
      [],
    );
    await rep.get('/cases?answerDueBefore=next-week').expect(400);
    const page = await rep.get('/cases?limit=1').expect(200);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await rep.get(`/cases?limit=1&cursor=${page.body.nextCursor}`).expect(200);
    expect(next.body.items.map((c: { id: string }) => c.id)).toEqual([a.id]);
  });

  it('a key or representative of another lender gets 404 on every read and action of a case', async () => {
    const mine = await newWorld(t);
    const other = await newWorld(t);
    const theirs = await accepted(t, other);
    // Both notices served first, so that no delivery adds an event while the others try.
    await serveNotice(t, theirs.id, 'accept', 'lender');
    await serveNotice(t, theirs.id, 'accept', 'borrower');
    const { version } = await caseAs(t, other.lenderRep.token, theirs.id);
    const key = await issueKey(mine.lender.id);
    const before = await eventCount(theirs.id);
    for (const cred of [key, { token: mine.lenderRep.token }] as Cred[]) {
      const as = http(cred);
      for (const path of [
        '',
        '/events',
        '/sessions',
        '/agreement',
        '/agreement/pdf',
        '/evidence',
        '/evidence/00000000-0000-4000-8000-000000000000',
      ]) {
        const res = await as.get(`/cases/${theirs.id}${path}`);
        expect([path, res.status, res.body.code]).toEqual([path, 404, 'CASE_NOT_FOUND']);
      }
      for (const [action, body] of [
        ['lender_accept', { debtStatement: debtStatement() }],
        ['lender_decline', { reason: 'x' }],
        ['sign_agreement', { version: 1, sha256: 'a'.repeat(64) }],
      ] as const) {
        const res = await as.post(`/cases/${theirs.id}/actions/${action}`, body);
        expect([action, res.status, res.body.code]).toEqual([action, 404, 'CASE_NOT_FOUND']);
      }
      const list = await as.get('/cases').expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(theirs.id);
    }
    const res = await http(key).get(`/cases/${theirs.id}`);
    example('A case of another lender (or none)', res, undefined, KEY_HEADER);
    expect(await eventCount(theirs.id)).toBe(before);
    const still = await http({ token: other.lenderRep.token })
      .get(`/cases/${theirs.id}`)
      .expect(200);
    expect(still.body).toMatchObject({ status: 'lender_notified', version });
  });

  it('refuses a revoked key from the next request on', async () => {
    const w = await newWorld(t);
    const c = await accepted(t, w);
    const key = await issueKey(w.lender.id);
    await http(key).get(`/cases/${c.id}`).expect(200);
    await t
      .http()
      .delete(`/api/v1/organizations/${w.lender.id}/api-keys/${key.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
    const refused = await http(key).get(`/cases/${c.id}`);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    example('A revoked (or unknown) key', refused, undefined, KEY_HEADER);
    const action = await http(key).post(`/cases/${c.id}/actions/lender_accept`);
    expect(action.status).toBe(401);
  });
});
