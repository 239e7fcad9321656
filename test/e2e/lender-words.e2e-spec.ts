import { act, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { startSmtp, TestSmtp, until } from './smtp';
import { COUNTER, ok, outbox } from './support/notifications';
import { signedIn } from './support/pages';

const PASSWORD = 'borrower-password-1';

/**
 * What a lender writes reaches the borrower marked as the lender's words, in the mail and on
 * the case page, so nobody takes it for the platform's or the mediator's own statement.
 */
describe('the lender’s free text, relayed to the borrower', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url });
    w = await newWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const borrowerMail = async (caseId: string, kind: string) => {
    const row = await until(async () => {
      const r = (await outbox(t, caseId)).find((x) => x.kind === kind && x.status === 'sent');
      return r ?? null;
    }, `${kind} to be sent`);
    return until(
      async () => smtp.received.find((m) => m.messageId === row.message_id) ?? null,
      `${kind} to arrive`,
    );
  };

  it('marks the counter-proposal’s note as the lender’s own words', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    await ok(act(t, w.lenderRep.token, c.id, 'lender_accept', COUNTER));
    const mail = await borrowerMail(c.id, 'lender_accept.borrower');
    expect(mail.text).toMatch(
      /贷款机构的说明（以下为贷款机构原话，平台未作核实或修改）：\n同意减免罚息/,
    );
    const agent = await signedIn(t, w.borrower.email, PASSWORD);
    const page = (await agent.get(`/cases/${c.id}`).expect(200)).text;
    expect(page).toMatch(
      /贷款机构的说明（贷款机构原话，平台未核实、未修改）：<\/p>\s*<blockquote class="words">同意减免罚息<\/blockquote>/,
    );
  });

  it('marks the reason for declining as the lender’s own words, in English too', async () => {
    const c = await newCase(t, w, { status: 'lender_notified', application: { locale: 'en' } });
    const reason = 'The account was already sold to a collection agency.';
    await ok(act(t, w.lenderRep.token, c.id, 'lender_decline', { reason }));
    const mail = await borrowerMail(c.id, 'lender_decline.borrower');
    expect(mail.text).toMatch(
      /The reason the lender gave, in its own words \(not checked or changed by the platform\):\s+The account was already sold/,
    );
    const agent = await signedIn(t, w.borrower.email, PASSWORD);
    const page = (await agent.get(`/cases/${c.id}?lang=en`).expect(200)).text;
    expect(page).toMatch(
      new RegExp(
        `Its reason, in the lender(?:'|&#x27;)s own words \\(not checked or changed by the platform\\):</p>\\s*<blockquote class="words">${reason.replace(/\./g, '\\.')}</blockquote>`,
      ),
    );
  });
});
