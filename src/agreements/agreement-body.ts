import { fenToYuan } from '../common/money';
import type { AgreementDocument } from './agreement-document';
import { confirmedTotalFen } from './agreement-document';
import { fill, type AgreementTemplate } from './agreement-template';
import { fenToCapitals } from './capital-numerals';

/** One piece of the agreement: a heading, a paragraph, a numbered list, the schedule. */
export type AgreementBlock =
  | { kind: 'heading'; text: string }
  | {
      kind: 'paragraph';
      text: string;
      strong: boolean;
      /** Printed a little apart from what precedes it (the lender after the borrower). */
      spaced?: boolean;
      /** Kept on one page with what follows (a heading of a list). */
      keepWithNext?: boolean;
    }
  | { kind: 'list'; items: string[]; start: number }
  | {
      kind: 'schedule';
      head: { seq: string; dueDate: string; amount: string; total: string };
      rows: { seq: number; dueDate: string; amount: string }[];
      total: string;
    };

/**
 * The agreement's body, from the mediation centre to the clauses on its effect, in the order
 * of 人民调解法 art. 29: the parties, the facts and dispute with each side's responsibility,
 * the agreed content with the manner and time of performance, service, effect. The PDF prints
 * these blocks and the text view shows them, so the two cannot say different things.
 */
export function agreementBody(a: AgreementDocument, t: AgreementTemplate): AgreementBlock[] {
  const blocks: AgreementBlock[] = [];
  const heading = (text: string) => blocks.push({ kind: 'heading', text });
  const paragraph = (text: string, o: { strong?: boolean; spaced?: boolean } = {}) =>
    blocks.push({ kind: 'paragraph', text, strong: !!o.strong, ...(o.spaced && { spaced: true }) });
  const list = (items: string[], start = 1) => blocks.push({ kind: 'list', items, start });
  const money = (fen: number) => ({ amount: fenToYuan(fen), capitals: fenToCapitals(fen) });

  heading(t.headings.mediation);
  paragraph(fill(t.lines.mediationCenter, { name: a.mediationCenter.name }));
  paragraph(fill(t.lines.mediator, { name: a.mediator.name }));

  heading(t.headings.parties);
  const b = a.borrower;
  paragraph(fill(t.lines.borrower, { name: b.name }), { strong: true });
  paragraph(fill(t.lines.borrowerId, { idNumber: b.idNumber }));
  paragraph(fill(t.lines.borrowerPhone, { phone: b.phone }));
  paragraph(fill(t.lines.borrowerEmail, { email: b.email }));
  if (b.postalAddress) paragraph(fill(t.lines.borrowerPostal, { address: b.postalAddress }));
  const l = a.lender;
  paragraph(fill(t.lines.lender, { name: l.name }), { strong: true, spaced: true });
  paragraph(fill(t.lines.lenderCreditCode, { creditCode: l.creditCode }));
  paragraph(fill(t.lines.lenderAddress, { address: l.registeredAddress }));
  paragraph(fill(t.lines.lenderEmail, { email: l.contactEmail }));

  heading(t.headings.facts);
  const f = a.facts;
  paragraph(
    fill(t.lines.facts, {
      contractNumber: f.contractNumber,
      principal: fenToYuan(f.principalFen),
      overdueSince: f.overdueSince,
    }),
  );
  // The overdue reason's category only: the borrower's own account is not printed.
  paragraph(fill(t.lines.reason, { reason: t.reasons[f.overdueReason] }));
  const d = a.debt;
  const total = confirmedTotalFen(d);
  paragraph(
    fill(t.lines.debt, {
      asOf: d.asOf,
      principal: fenToYuan(d.principalFen),
      interest: fenToYuan(d.interestFen),
      penaltyInterest: fenToYuan(d.penaltyInterestFen),
      fees: fenToYuan(d.feesFen),
      total: fenToYuan(total),
    }),
  );
  if (f.outstandingFen !== total) {
    paragraph(fill(t.lines.borrowerFigure, { outstanding: fenToYuan(f.outstandingFen) }));
  }
  paragraph(fill(t.lines.dispute, { center: a.mediationCenter.name }));

  heading(t.headings.terms);
  list([
    fill(t.lines.settlement, money(a.terms.settlementFen)),
    a.terms.waivedFen > 0 ? fill(t.lines.waiver, money(a.terms.waivedFen)) : t.lines.noWaiver,
    fill(t.lines.reconciles, { total: fenToYuan(a.terms.settlementFen + a.terms.waivedFen) }),
    fill(t.lines.installments, {
      installments: a.terms.installments,
      firstDueDate: a.terms.firstDueDate,
    }),
  ]);
  heading(t.headings.schedule);
  blocks.push({
    kind: 'schedule',
    head: t.schedule,
    rows: a.schedule.map((r) => ({
      seq: r.seq,
      dueDate: r.dueDate,
      amount: fenToYuan(r.amountFen),
    })),
    total: fenToYuan(a.schedule.reduce((sum, r) => sum + r.amountFen, 0)),
  });

  heading(t.headings.performance);
  const p = a.terms.payment;
  list([
    p.kind === 'account' ? fill(t.lines.payToAccount, p) : fill(t.lines.payByChannel, p),
    t.lines.cutoff,
    fill(t.lines.settlementCertificate, { days: t.variables.settlementCertificateDays }),
  ]);

  heading(t.headings.clauses);
  const variables = { ...t.variables, borrower: b.name, lender: l.name };
  const defaults = t.defaultClauses.map((clause) => fill(clause, variables));
  list(defaults);
  const extra = a.terms.clauses.map((c) => c.trim()).filter((c) => c !== '');
  if (extra.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: t.extraClausesHeading,
      strong: true,
      keepWithNext: true,
    });
    list(extra, defaults.length + 1);
  }

  heading(t.headings.service);
  paragraph(t.lines.service);
  list([
    fill(t.lines.serviceBorrower, { email: b.email, address: b.postalAddress, phone: b.phone }),
    fill(t.lines.serviceLender, { email: l.contactEmail, address: l.registeredAddress }),
    t.lines.serviceChange,
  ]);

  heading(t.headings.effect);
  list([
    t.lines.inForce,
    fill(t.lines.judicialConfirmation, {
      court: a.mediationCenter.courtName,
      days: t.variables.confirmationDays,
    }),
    t.lines.copies,
  ]);
  return blocks;
}
