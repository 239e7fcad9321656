import { adminToken, newWorld } from './factories';
import type { World } from './factories';
import { startTestApp, TestApp } from './harness';
import { defaultTerms, newCase } from './new-case';
import { startSession } from './support/session-started';
import { signedIn } from './support/pages';
import { csrfOf } from './web-pages';

const PASSWORD = 'staff-password-123';

interface Entry {
  readerId: string;
  readerRole: string;
  fields: string[];
  source: string;
}

/**
 * The staff pages read a borrower's unmasked data through the services the API reads it
 * through, so the access log records a page's read as it records the API's.
 */
describe('web pages: staff reads of personal data in the access log', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false' });
    w = await newWorld(t);
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  /** The case's entries, oldest first. */
  const logOf = async (caseId: string): Promise<Entry[]> =>
    (
      await t
        .http()
        .get(`/api/v1/admin/access-log?caseId=${caseId}&limit=100`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(200)
    ).body.items.reverse();

  it('records the clerk’s queue and case page, and the mediator’s case page, with the fields shown', async () => {
    const c = await newCase(t, w, { status: 'submitted' });
    const before = (await logOf(c.id)).length;
    const clerk = await signedIn(t, w.clerk.email, PASSWORD);
    const queue = (await clerk.get('/cases').expect(200)).text;
    expect(queue).toContain(c.caseNumber);
    const page = (await clerk.get(`/cases/${c.id}`).expect(200)).text;
    expect(page).toContain(`data-field="idNumber">${w.borrower.idNumber}<`);
    const added = (await logOf(c.id)).slice(before);
    expect(added.map((e) => [e.readerId, e.readerRole, e.source])).toEqual([
      [w.clerk.id, 'clerk', 'case_list'],
      [w.clerk.id, 'clerk', 'case'],
    ]);
    expect(added[1].fields).toEqual(['borrower.idNumber', 'borrower.phone']);

    const mediated = await newCase(t, w, { status: 'session_scheduled' });
    const quiet = (await logOf(mediated.id)).length;
    const mediator = await signedIn(t, w.mediator.email, PASSWORD);
    const shown = (await mediator.get(`/cases/${mediated.id}`).expect(200)).text;
    expect(shown).toContain(`data-field="phone">${w.borrower.phone}<`);
    const read = (await logOf(mediated.id)).slice(quiet);
    expect(read.map((e) => [e.readerId, e.source])).toEqual([[w.mediator.id, 'case']]);

    // The live schedule preview shows no personal data: not a read.
    await startSession(t, mediated.id);
    const terms = { ...defaultTerms({ installments: 3 }), installments: '3' };
    delete (terms as { payment?: unknown }).payment;
    await mediator
      .post(`/cases/${mediated.id}/schedule-preview`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ ...terms, _csrf: csrfOf(shown) })
      .expect(200);
    expect(await logOf(mediated.id)).toHaveLength(quiet + 1);
  });

  it('records nothing for the lender, who is shown the applicant masked', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    const before = (await logOf(c.id)).length;
    const lender = await signedIn(t, w.lenderRep.email, PASSWORD);
    await lender.get('/cases').expect(200);
    const page = (await lender.get(`/cases/${c.id}`).expect(200)).text;
    expect(page).not.toContain(w.borrower.idNumber);
    expect(page).not.toContain(w.borrower.phone);
    expect(await logOf(c.id)).toHaveLength(before);
  });
});
