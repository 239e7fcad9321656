import { act, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { newCase } from './new-case';
import { startSmtp, TestSmtp } from './smtp';
import { caseAs, serveNotices, timeline } from './support/deadlines';

const reason = '双方需要时间核对账目';

describe('extending the mediation term by both parties’ consent', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let w: World;
  const clock = new MovableClock();
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ RUN_WORKER: 'false', SMTP_URL: smtp.url }, { clock });
    w = await newWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** A case whose term runs from Monday 2 November 2026: 30 days, to 24:00 on 2 December. */
  async function running() {
    clock.setTo('2026-11-02T10:00:00+08:00');
    const c = await newCase(t, w, { status: 'awaiting_session' });
    const before = await act(t, w.mediator.token, c.id, 'propose_extension', { days: 10, reason });
    expect(before.status).toBe(409);
    expect(before.body.message).toContain('not yet delivered');
    await serveNotices(t, c.id);
    const served = await caseAs(t, w.borrower.token, c.id);
    expect(served.mediationDue.at).toBe('2026-12-03T00:00:00+08:00');
    return served;
  }

  it('changes nothing on one consent, and moves the term once on both, both consents on the timeline', async () => {
    const c = await running();
    expect(
      (await act(t, w.mediator.token, c.id, 'propose_extension', { days: 31, reason })).status,
    ).toBe(400);
    const proposed = await act(t, w.mediator.token, c.id, 'propose_extension', {
      days: 10,
      reason,
    });
    expect(proposed.status).toBe(200);
    const proposal = proposed.body.extensionProposal;
    // 2 December + 10 days is Saturday 12 December: it would end on Monday the 14th.
    expect(proposal).toMatchObject({
      days: 10,
      agreedBy: [],
      expiresAt: '2026-12-03T00:00:00+08:00',
      wouldEndAt: '2026-12-15T00:00:00+08:00',
    });
    expect(proposed.body.mediationDueAt).toBe(c.mediationDueAt);
    const proposedMails = await t.dataSource.query(
      `SELECT kind FROM mail_outbox WHERE case_id = $1 AND kind LIKE 'propose_extension.%' ORDER BY kind`,
      [c.id],
    );
    expect(proposedMails).toEqual([
      { kind: 'propose_extension.borrower' },
      { kind: 'propose_extension.lender' },
    ]);

    const byMediator = await act(t, w.mediator.token, c.id, 'agree_extension', {
      proposalId: proposal.id,
    });
    expect(byMediator.status).toBe(403);
    const one = await act(t, w.borrower.token, c.id, 'agree_extension', {
      proposalId: proposal.id,
    });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      mediationDueAt: c.mediationDueAt,
      mediationDue: { at: '2026-12-03T00:00:00+08:00', basis: 'service', extensions: [] },
      termExtended: false,
      extensionProposal: { id: proposal.id, agreedBy: ['borrower'] },
    });
    expect(one.body.allowedActions).not.toContain('agree_extension');
    const twice = await act(t, w.borrower.token, c.id, 'agree_extension', {
      proposalId: proposal.id,
    });
    expect(twice.status).toBe(409);

    const both = await act(t, w.lenderRep.token, c.id, 'agree_extension', {
      proposalId: proposal.id,
    });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({
      mediationDueAt: '2026-12-14T16:00:00.000Z',
      termExtended: true,
      extensionProposal: null,
      mediationDue: {
        status: 'started',
        at: '2026-12-15T00:00:00+08:00',
        basis: 'extension',
        unit: 'calendar_days',
        length: 10,
        startDay: '2026-12-02',
        rolledFrom: '2026-12-12',
        lastDay: '2026-12-14',
        extensions: [
          { proposalId: proposal.id, days: 10, reason, previousAt: '2026-12-03T00:00:00+08:00' },
        ],
      },
    });
    expect(both.body.mediationDue.description['zh-CN']).toMatch(
      /^经双方同意延长：10 日，自 12月2日次日起算，.*12月14日24:00届满。$/,
    );
    expect(both.body.mediationDue.description.en).toContain(
      '12 December, is a rest day, so it ends on the next working day, at 24:00 on 14 December.',
    );
    // Once moved, there is nothing left to agree to: the term moves once.
    const again = await act(t, w.lenderRep.token, c.id, 'agree_extension', {
      proposalId: proposal.id,
    });
    expect(again.status).toBe(409);
    expect((await caseAs(t, w.borrower.token, c.id)).mediationDueAt).toBe(
      '2026-12-14T16:00:00.000Z',
    );

    const events = (await timeline(t, c.id)).filter((e: { action: string }) =>
      e.action.includes('extension'),
    );
    expect(events).toEqual([
      {
        action: 'propose_extension',
        by: 'mediator',
        input: expect.objectContaining({ days: 10, reason, proposalId: proposal.id }),
      },
      {
        action: 'agree_extension',
        by: 'borrower',
        input: { proposalId: proposal.id, agreedBy: ['borrower'] },
      },
      {
        action: 'agree_extension',
        by: 'lender',
        input: expect.objectContaining({
          proposalId: proposal.id,
          agreedBy: ['borrower', 'lender'],
          previousMediationDueAt: '2026-12-03T00:00:00+08:00',
          mediationDue: expect.objectContaining({ at: '2026-12-15T00:00:00+08:00' }),
        }),
      },
    ]);
    const [told] = await t.dataSource.query(
      `SELECT text_body FROM mail_outbox
        WHERE case_id = $1 AND kind = 'agree_extension.mediator' ORDER BY created_at DESC LIMIT 1`,
      [c.id],
    );
    expect(told.text_body).toContain('新的调解期限：经双方同意延长：10 日');
  });

  it('replaces an open proposal with a newer one, and refuses consent to the old one', async () => {
    const c = await running();
    const first = await act(t, w.mediator.token, c.id, 'propose_extension', { days: 10, reason });
    const firstId = first.body.extensionProposal.id;
    await act(t, w.borrower.token, c.id, 'agree_extension', { proposalId: firstId });
    const second = await act(t, w.mediator.token, c.id, 'propose_extension', { days: 5, reason });
    expect(second.body.extensionProposal).toMatchObject({ days: 5, agreedBy: [] });
    const stale = await act(t, w.lenderRep.token, c.id, 'agree_extension', { proposalId: firstId });
    expect(stale.status).toBe(409);
    expect(stale.body.openProposalId).toBe(second.body.extensionProposal.id);
    const now = await caseAs(t, w.borrower.token, c.id);
    expect(now.mediationDueAt).toBe(c.mediationDueAt);
    expect(now.extensionProposal.agreedBy).toEqual([]);
  });

  it('lets a proposal only one party agreed to lapse with the term', async () => {
    const c = await running();
    const proposed = await act(t, w.mediator.token, c.id, 'propose_extension', {
      days: 10,
      reason,
    });
    const proposalId = proposed.body.extensionProposal.id;
    await act(t, w.borrower.token, c.id, 'agree_extension', { proposalId });
    clock.setTo('2026-12-03T00:00:01+08:00');
    const late = await act(t, w.lenderRep.token, c.id, 'agree_extension', { proposalId });
    expect(late.status).toBe(409);
    expect(late.body.currentStatus).toBe('unsuccessful');
    const closed = await caseAs(t, w.borrower.token, c.id);
    expect(closed).toMatchObject({
      closureReason: 'term_expired',
      mediationDueAt: c.mediationDueAt,
      termExtended: false,
      extensionProposal: null,
    });
    const expired = (await timeline(t, c.id)).find(
      (e: { action: string }) => e.action === 'expire_term',
    );
    expect(expired.input).toEqual({ lapsedExtensionProposalId: proposalId });
  });
});
