import { act, newWorld } from './factories';
import type { World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { caseAs, serveNotice } from './support/deadlines';
import { signedIn, textOf } from './support/pages';
import { submit } from './web-pages';

const PASSWORD = 'staff-password-123';
const BORROWER_PASSWORD = 'borrower-password-1';

describe('web pages: the mediator confirms and seals; an extension proposed and agreed', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const agreementOf = (caseId: string) => caseAs(t, w.mediator.token, caseId);

  it('offers confirm-and-seal once both parties signed, and seals only when ticked', async () => {
    const c = await newCase(t, w, { status: 'awaiting_signatures' });
    const mediator = await signedIn(t, w.mediator.email, PASSWORD);
    const page = `/cases/${c.id}`;
    const a = (
      await t
        .http()
        .get(`/api/v1/cases/${c.id}/agreement`)
        .set('Authorization', `Bearer ${w.mediator.token}`)
        .expect(200)
    ).body;
    const sign = { version: a.version, sha256: a.draftSha256 };
    expect((await act(t, w.borrower.token, c.id, 'sign_agreement', sign)).status).toBe(200);
    // One party signed: nothing to confirm yet.
    expect((await mediator.get(page).expect(200)).text).not.toContain(
      'data-action="confirm_agreement"',
    );
    expect((await act(t, w.lenderRep.token, c.id, 'sign_agreement', sign)).status).toBe(200);

    const form = (await mediator.get(page).expect(200)).text;
    expect(form).toContain('data-action="confirm_agreement"');
    expect(form).toContain(`name="sha256" value="${a.draftSha256}"`);
    const fields = { version: String(a.version), sha256: a.draftSha256 };
    const unticked = await submit(mediator, page, `${page}/actions/confirm_agreement`, fields, 400);
    expect(textOf(unticked.text, 'f-confirm_agreement-_confirm-error')).toBeTruthy();
    expect((await agreementOf(c.id)).status).toBe('awaiting_signatures');

    const done = await submit(
      mediator,
      page,
      `${page}/actions/confirm_agreement`,
      { ...fields, _confirm: 'true' },
      303,
    );
    expect(done.headers.location).toBe(page);
    expect((await agreementOf(c.id)).status).toBe('settled');
    const after = (await mediator.get(page).expect(200)).text;
    expect(after).toContain('data-agreement-status="sealed"');
    expect(after).toContain('调解中心加盖电子印章');
    expect(after).not.toContain('data-action="confirm_agreement"');
  });

  it('proposes an extension on the page; each party agrees on theirs, and the term moves', async () => {
    const c = await newCase(t, w, { status: 'awaiting_session' });
    await serveNotice(t, c.id, 'accept', 'borrower'); // the term runs from service
    const before = (await agreementOf(c.id)).mediationDueAt as string;
    const page = `/cases/${c.id}`;
    const mediator = await signedIn(t, w.mediator.email, PASSWORD);
    expect((await mediator.get(page).expect(200)).text).toContain(
      'data-action="propose_extension"',
    );
    const action = `${page}/actions/propose_extension`;
    const tooLong = await submit(mediator, page, action, { days: '31', reason: '核对账目' }, 400);
    expect(textOf(tooLong.text, 'f-propose_extension-days-error')).toBeTruthy();
    await submit(mediator, page, action, { days: '10', reason: '双方需要时间核对账目' }, 303);
    const proposed = await agreementOf(c.id);
    expect(proposed.extensionProposal).toMatchObject({ days: 10, agreedBy: [] });
    expect(proposed.mediationDueAt).toBe(before);

    for (const [email, party] of [
      [w.borrower.email, 'borrower'],
      [w.lenderRep.email, 'lender'],
    ] as const) {
      const agent = await signedIn(t, email, party === 'borrower' ? BORROWER_PASSWORD : PASSWORD);
      const shown = (await agent.get(page).expect(200)).text;
      expect(shown).toContain('data-action="agree_extension"');
      expect(shown).toContain('双方需要时间核对账目');
      expect(shown).toContain(`name="proposalId" value="${proposed.extensionProposal.id}"`);
      await submit(
        agent,
        page,
        `${page}/actions/agree_extension`,
        { proposalId: proposed.extensionProposal.id },
        303,
      );
      const again = (await agent.get(page).expect(200)).text;
      expect(again).not.toContain('data-action="agree_extension"');
    }
    const agreed = await agreementOf(c.id);
    expect(agreed.extensionProposal).toBeNull();
    expect(new Date(agreed.mediationDueAt).getTime()).toBeGreaterThan(new Date(before).getTime());
  });
});
