import { act, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { startSmtp, TestSmtp } from './smtp';
import { caseAs, serveNotices } from './support/deadlines';
import { signedIn } from './support/pages';

describe('web pages: the staff case page’s extension proposal and debt statement', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ RUN_WORKER: 'false', SMTP_URL: smtp.url });
    w = await newWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const section = (html: string, id: string) =>
    new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
  const consent = (html: string, party: string) =>
    new RegExp(`data-party="${party}" data-agreed="(true|false)"`).exec(html)?.[1];

  it('shows the open proposal with who agreed so far, and the lender’s debt statement, to staff', async () => {
    const c = await newCase(t, w, {
      status: 'awaiting_session',
      lenderAnswer: {
        debtStatement: {
          asOf: '2026-11-20',
          principal: '8000.00',
          interest: '900.00',
          penaltyInterest: '500.40',
          fees: '250.00',
        },
      },
    });
    await serveNotices(t, c.id);
    const mediator = await signedIn(t, w.mediator.email, 'staff-password-123');
    const clerk = await signedIn(t, w.clerk.email, 'staff-password-123');

    // Before any proposal: the debt statement, and no proposal.
    const plain = (await mediator.get(`/cases/${c.id}`).expect(200)).text;
    expect(section(plain, 'extension-proposal')).toBe('');
    const debt = section(plain, 'debt-statement');
    expect(debt).toContain('2026-11-20');
    expect(debt).toMatch(/data-amount="principal">¥8000\.00</);
    expect(debt).toMatch(/data-amount="penaltyInterest">¥500\.40</);
    expect(debt).toContain('¥9650.40');

    const proposed = await act(t, w.mediator.token, c.id, 'propose_extension', {
      days: 10,
      reason: '双方需要时间核对账目',
    });
    expect(proposed.status).toBe(200);
    const proposal = proposed.body.extensionProposal;
    const shown = section(
      (await mediator.get(`/cases/${c.id}`).expect(200)).text,
      'extension-proposal',
    );
    expect(shown).toContain(`data-proposal="${proposal.id}"`);
    expect(shown).toContain('10 天');
    expect(shown).toContain('双方需要时间核对账目');
    expect(shown).toContain(`datetime="${proposal.wouldEndAt}"`);
    expect(consent(shown, 'borrower')).toBe('false');
    expect(consent(shown, 'lender')).toBe('false');

    const agreed = await act(t, w.borrower.token, c.id, 'agree_extension', {
      proposalId: proposal.id,
    });
    expect(agreed.status).toBe(200);
    for (const page of [mediator, clerk]) {
      const html = section(
        (await page.get(`/cases/${c.id}`).expect(200)).text,
        'extension-proposal',
      );
      expect(consent(html, 'borrower')).toBe('true');
      expect(consent(html, 'lender')).toBe('false');
    }

    // Both agreed: the term moved and the proposal is closed; the page no longer shows it.
    await act(t, w.lenderRep.token, c.id, 'agree_extension', { proposalId: proposal.id });
    expect((await caseAs(t, w.mediator.token, c.id)).extensionProposal).toBeNull();
    const done = (await mediator.get(`/cases/${c.id}`).expect(200)).text;
    expect(section(done, 'extension-proposal')).toBe('');
    expect(section(done, 'debt-statement')).toContain('¥9650.40');
  });

  it('shows the English words under ?lang=en', async () => {
    const c = await newCase(t, w, { status: 'awaiting_session' });
    await serveNotices(t, c.id);
    await act(t, w.mediator.token, c.id, 'propose_extension', { days: 5, reason: 'more time' });
    const page = await signedIn(t, w.lenderRep.email, 'staff-password-123');
    const html = (await page.get(`/cases/${c.id}?lang=en`).expect(200)).text;
    expect(section(html, 'extension-proposal')).toContain('5 days');
    expect(section(html, 'extension-proposal')).toContain('The lender: not yet');
    expect(section(html, 'debt-statement')).toContain('Total');
  });
});
