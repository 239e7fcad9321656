import { CaseDeadlinesService } from '../../../src/cases/case-deadlines.service';
import { MailSender } from '../../../src/notifications/mail-sender';
import { act, World } from '../factories';
import type { TestApp } from '../harness';

/** The case as the API answers it to `token`. */
export async function caseAs(t: TestApp, token: string, caseId: string) {
  const res = await t
    .http()
    .get(`/api/v1/cases/${caseId}`)
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  return res.body;
}

export const timeline = async (t: TestApp, caseId: string) =>
  (
    await t.dataSource.query(
      `SELECT action, actor_role, input FROM case_events WHERE case_id = $1 ORDER BY id`,
      [caseId],
    )
  ).map((e: { action: string; actor_role: string; input: Record<string, unknown> }) => ({
    action: e.action,
    by: e.actor_role,
    input: e.input,
  }));

/**
 * Runs the outbox's delivery job (the worker's own code) now, for the case's mails of `kind`
 * still waiting: what the worker would do, at the moment the test chooses. Returns how many
 * the mail server accepted.
 */
export async function deliverMail(t: TestApp, caseId: string, kind: string): Promise<number> {
  const rows: { id: string }[] = await t.dataSource.query(
    `SELECT id FROM mail_outbox WHERE case_id = $1 AND kind = $2 AND status = 'pending' ORDER BY created_at`,
    [caseId, kind],
  );
  const sender = t.app.get(MailSender);
  for (const { id } of rows) {
    await sender.deliver(id, { attempt: 1, maxAttempts: 10 }).catch(() => undefined);
  }
  const sent: { n: number }[] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM mail_outbox WHERE id = ANY($1) AND status = 'sent'`,
    [rows.map((r) => r.id)],
  );
  return sent[0].n;
}

/** Both acceptance notices delivered: the lender's window and the mediation term start. */
export async function serveNotices(t: TestApp, caseId: string): Promise<void> {
  await deliverMail(t, caseId, 'accept.lender');
  await deliverMail(t, caseId, 'accept.borrower');
}

/** The mediator proposes, and the given parties agree, through the action door. */
export async function extendTerm(
  t: TestApp,
  w: World,
  caseId: string,
  days: number,
  agree: ('borrower' | 'lender')[],
) {
  const proposed = await act(t, w.mediator.token, caseId, 'propose_extension', {
    days,
    reason: '双方需要时间核对账目',
  });
  if (proposed.status !== 200) throw new Error(`propose_extension: ${proposed.status}`);
  const proposalId: string = proposed.body.extensionProposal.id;
  let last = proposed;
  for (const party of agree) {
    const token = party === 'borrower' ? w.borrower.token : w.lenderRep.token;
    last = await act(t, token, caseId, 'agree_extension', { proposalId });
    if (last.status !== 200) throw new Error(`agree_extension by ${party}: ${last.status}`);
  }
  return { proposalId, body: last.body };
}

/**
 * The notice of `action` to `party` delivered now, recorded by the service the mail sender
 * and the webhook deliverer call on delivery: for tests without a mail server.
 */
export async function serveNotice(
  t: TestApp,
  caseId: string,
  action: string,
  party: 'lender' | 'borrower',
): Promise<void> {
  const deadlines = t.app.get(CaseDeadlinesService);
  await t.dataSource.transaction((tx) =>
    deadlines.noticeDelivered(tx, {
      caseId,
      action,
      party,
      channel: 'mail',
      at: new Date(),
      reference: `test-${action}.${party}`,
    }),
  );
}
