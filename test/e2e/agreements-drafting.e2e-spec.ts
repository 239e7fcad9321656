import { act, newWorld, World } from './factories';
import { newCase } from './new-case';
import { startTestApp, TestApp } from './harness';
import { agreementApi, dateIn, issueKey, startedSession, terms } from './support/agreements';

/** From the session to the mediator's confirmation: drafts, signatures, versions. */
describe('drafting and signing the agreement', () => {
  let t: TestApp;
  let w: World;
  let api: ReturnType<typeof agreementApi>;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    api = agreementApi(t);
    key = await issueKey(t, w.lender.id);
  });
  afterAll(() => t.close());

  const caseStatus = async (id: string) =>
    (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${w.mediator.token}`))
      .body.status;

  it('refuses a draft before the session has started (409), saying when it starts', async () => {
    const c = await newCase(t, w, { status: 'session_scheduled' });
    const res = await act(t, w.mediator.token, c.id, 'draft_agreement', terms());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    expect(res.body.message).toMatch(/an agreement can be drafted once it has started/);
    expect(res.body.sessionStartsAt).toEqual(expect.any(String));
    expect((await api.get(w.mediator.token, c.id)).status).toBe(404);
    expect(await caseStatus(c.id)).toBe('session_scheduled');
  });

  describe('terms that break the rules', () => {
    let c: { id: string };
    beforeAll(async () => {
      c = await startedSession(t, w);
    });

    it.each([
      ['installments', { settlementAmount: '0.05', installments: 6, waivedAmount: '0.00' }],
      ['firstDueDate', { firstDueDate: dateIn(-1) }],
      ['firstDueDate', { firstDueDate: dateIn(400) }],
      ['waivedAmount', { waivedAmount: '1650.41' }],
      ['settlementAmount', { settlementAmount: 8000 }],
    ])('refuses terms with a bad %s, naming it, and drafts nothing', async (field, override) => {
      const res = await act(t, w.mediator.token, c.id, 'draft_agreement', terms(override));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await api.get(w.mediator.token, c.id)).status).toBe(404);
      expect(await caseStatus(c.id)).toBe('session_scheduled');
    });
  });

  describe('from draft to confirmation', () => {
    let c: { id: string };
    let v1: { draftSha256: string };

    beforeAll(async () => {
      c = await startedSession(t, w);
    });

    it('drafts version 1: an exact schedule, a PDF whose hash signers confirm, no code', async () => {
      const res = await act(t, w.mediator.token, c.id, 'draft_agreement', terms());
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('awaiting_signatures');
      const a = (await api.get(w.borrower.token, c.id).expect(200)).body;
      expect(a).toMatchObject({
        version: 1,
        status: 'awaiting_signatures',
        terms: { settlementAmount: '8000.00', waivedAmount: '1650.40', installments: 12 },
        signatures: [],
        sealedSha256: null,
        verificationCode: null,
        verifyUrl: null,
      });
      expect(a.schedule).toHaveLength(12);
      expect(a.schedule[11].amount).toBe('666.74');
      const pdf = await api.download(c.id, ['Authorization', `Bearer ${w.borrower.token}`]);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(a.sha256).toBe(a.draftSha256);
      v1 = a;
    });

    it('takes one signature per party, by name, and refuses the same party twice', async () => {
      const body = { version: 1, sha256: v1.draftSha256 };
      expect((await act(t, w.borrower.token, c.id, 'sign_agreement', body)).status).toBe(200);
      const again = await act(t, w.borrower.token, c.id, 'sign_agreement', body);
      expect(again.status).toBe(409);
      const a = (await api.get(w.mediator.token, c.id)).body;
      expect(a.signatures).toEqual([
        expect.objectContaining({ party: 'borrower', name: w.borrower.name, capacity: 'self' }),
      ]);
    });

    it('revises to version 2, leaving the signatures on version 1, superseded', async () => {
      const res = await act(
        t,
        w.mediator.token,
        c.id,
        'revise_agreement',
        terms({ installments: 6 }),
      );
      expect(res.body.status).toBe('awaiting_signatures');
      const a = (await api.get(w.lenderRep.token, c.id)).body;
      expect(a).toMatchObject({ version: 2, status: 'awaiting_signatures', signatures: [] });
      expect(a.draftSha256).not.toBe(v1.draftSha256);
      const old = (await api.get(w.lenderRep.token, c.id, '?version=1')).body;
      expect(old).toMatchObject({ version: 1, currentVersion: 2, status: 'superseded' });
      expect(old.signatures).toHaveLength(1);
    });

    it('refuses a signature on an outdated version or with the wrong hash (409)', async () => {
      const stale = await api.actWithKey(key, c.id, 'sign_agreement', {
        version: 1,
        sha256: v1.draftSha256,
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'AGREEMENT_MISMATCH', currentVersion: 2 });
      const wrong = await api.actWithKey(key, c.id, 'sign_agreement', {
        version: 2,
        sha256: v1.draftSha256,
      });
      expect(wrong.body.code).toBe('AGREEMENT_MISMATCH');
      expect((await api.get(w.mediator.token, c.id)).body.signatures).toEqual([]);
    });

    it('stays unsettled after both signatures; the mediator’s confirmation seals it', async () => {
      const v2 = (await api.get(w.borrower.token, c.id)).body;
      const body = { version: 2, sha256: v2.draftSha256 };
      expect((await act(t, w.borrower.token, c.id, 'sign_agreement', body)).status).toBe(200);
      const lender = await api.actWithKey(key, c.id, 'sign_agreement', body);
      expect(lender.status).toBe(200);
      expect(lender.body.status).toBe('awaiting_signatures');
      expect((await api.get(w.clerk.token, c.id)).body.status).toBe('awaiting_signatures');
      // A party cannot confirm: that is the mediator's.
      expect((await act(t, w.borrower.token, c.id, 'confirm_agreement', body)).status).toBe(403);

      const confirmed = await act(t, w.mediator.token, c.id, 'confirm_agreement', body);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.status).toBe('settled');
      const a = (await api.get(w.clerk.token, c.id)).body;
      expect(a.status).toBe('sealed');
      expect(a.sha256).toBe(a.sealedSha256);
      expect(a.sealedSha256).not.toBe(a.draftSha256);
      expect(a.verificationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(a.signatures).toEqual([
        expect.objectContaining({ party: 'borrower', name: w.borrower.name, capacity: 'self' }),
        expect.objectContaining({
          party: 'lender',
          name: '王芳',
          capacity: 'signing_agent',
          title: '法务部经理',
        }),
        expect.objectContaining({ party: 'mediator', name: w.mediator.name }),
      ]);
      const revise = await act(t, w.mediator.token, c.id, 'revise_agreement', terms());
      expect(revise.status).toBe(409);
    });
  });

  it('seals once when the mediator confirms twice at the same moment', async () => {
    const c = await newCase(t, w, { status: 'awaiting_signatures' });
    const a = (await api.get(w.borrower.token, c.id)).body;
    const body = { version: a.version, sha256: a.draftSha256 };
    expect((await act(t, w.borrower.token, c.id, 'sign_agreement', body)).status).toBe(200);
    expect((await act(t, w.lenderRep.token, c.id, 'sign_agreement', body)).status).toBe(200);
    const answers = await Promise.all([
      act(t, w.mediator.token, c.id, 'confirm_agreement', body),
      act(t, w.mediator.token, c.id, 'confirm_agreement', body),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = await t.dataSource.query(
      `SELECT to_status FROM case_events WHERE case_id = $1 AND action = 'confirm_agreement'`,
      [c.id],
    );
    expect(events).toEqual([{ to_status: 'settled' }]);
    const seals = await t.dataSource.query(
      `SELECT v.sealed_sha256, count(s.*) FILTER (WHERE s.party = 'mediator') AS mediators
         FROM agreement_versions v JOIN agreement_signatures s ON s.agreement_version_id = v.id
        WHERE v.case_id = $1 GROUP BY v.id`,
      [c.id],
    );
    expect(seals).toEqual([{ sealed_sha256: expect.any(String), mediators: '1' }]);
    const sealed = (await api.get(w.clerk.token, c.id)).body;
    expect(sealed.sealedSha256).toBe(seals[0].sealed_sha256);
  });
});
