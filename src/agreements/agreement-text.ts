import { fenToYuan } from '../common/money';
import type { AgreementDocument } from './agreement-document';
import { formatDocumentTime } from './agreement-pdf';
import { fill, loadAgreementTemplate } from './agreement-template';
import { fenToCapitals } from './capital-numerals';

/** One piece of the agreement as text: a heading, a paragraph, a numbered list, the schedule. */
export type AgreementTextBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; strong: boolean }
  | { kind: 'list'; items: string[]; start: number }
  | {
      kind: 'schedule';
      head: { seq: string; dueDate: string; amount: string; total: string };
      rows: { seq: number; dueDate: string; amount: string }[];
      total: string;
    };

export interface AgreementText {
  /** The agreement's own language (the case's), which may differ from the page's. */
  locale: AgreementDocument['locale'];
  title: string;
  subtitle: string[];
  blocks: AgreementTextBlock[];
}

/**
 * The written agreement as text, for reading on a phone and for screen readers: the same
 * template, the same document and the same words as `renderAgreementPdf`, in its order,
 * without the PDF's signature lines, seal and QR code (the page shows who signed, and when).
 * A test reads the PDF back and finds every line of this text in it.
 */
export function agreementText(a: AgreementDocument): AgreementText {
  const t = loadAgreementTemplate(a.locale);
  const money = (fen: number) => ({ amount: fenToYuan(fen), capitals: fenToCapitals(fen) });
  const blocks: AgreementTextBlock[] = [];
  const heading = (text: string) => blocks.push({ kind: 'heading', text });
  const paragraph = (text: string, strong = false) =>
    blocks.push({ kind: 'paragraph', text, strong });
  const list = (items: string[], start = 1) => blocks.push({ kind: 'list', items, start });

  heading(t.headings.mediation);
  paragraph(fill(t.lines.mediationCenter, { name: a.mediationCenter.name }));
  paragraph(fill(t.lines.mediator, { name: a.mediator.name }));

  heading(t.headings.parties);
  paragraph(fill(t.lines.borrower, { name: a.borrower.name }), true);
  paragraph(fill(t.lines.borrowerId, { idNumber: a.borrower.idNumber }));
  paragraph(fill(t.lines.borrowerPhone, { phone: a.borrower.phone }));
  paragraph(fill(t.lines.lender, { name: a.lender.name }), true);
  if (a.lender.contactEmail) paragraph(fill(t.lines.lenderEmail, { email: a.lender.contactEmail }));

  heading(t.headings.facts);
  const f = a.facts;
  paragraph(
    fill(t.lines.facts, {
      contractNumber: f.contractNumber,
      principal: fenToYuan(f.principalFen),
      outstanding: fenToYuan(f.outstandingFen),
      overdueSince: f.overdueSince,
    }),
  );
  paragraph(
    fill(t.lines.reason, { reason: t.reasons[f.overdueReason], detail: f.reasonDetail.trim() }),
  );
  paragraph(fill(t.lines.dispute, { center: a.mediationCenter.name }));

  heading(t.headings.terms);
  list([
    fill(t.lines.settlement, money(a.terms.settlementFen)),
    a.terms.waivedFen > 0 ? fill(t.lines.waiver, money(a.terms.waivedFen)) : t.lines.noWaiver,
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

  heading(t.headings.clauses);
  const variables = { ...t.variables, borrower: a.borrower.name, lender: a.lender.name };
  const defaults = t.defaultClauses.map((clause) => fill(clause, variables));
  list(defaults);
  const extra = a.terms.clauses.map((c) => c.trim()).filter((c) => c !== '');
  if (extra.length > 0) {
    paragraph(t.extraClausesHeading, true);
    list(extra, defaults.length + 1);
  }

  heading(t.headings.signatures);
  paragraph(
    fill(t.signatures.mediator, { mediator: a.mediator.name, center: a.mediationCenter.name }),
  );

  return {
    locale: a.locale,
    title: t.title,
    subtitle: [
      fill(t.header.caseNumber, { caseNumber: a.caseNumber }),
      fill(t.header.version, { version: a.version }),
      fill(t.header.draftedAt, { draftedAt: formatDocumentTime(a.draftedAt) }),
    ],
    blocks,
  };
}
