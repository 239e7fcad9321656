import { DateTime } from 'luxon';
import { fenToYuan } from '../common/money';
import type { AgreementDocument, AgreementSignature } from './agreement-document';
import { confirmedTotalFen } from './agreement-document';
import { fill, type AgreementTemplate } from './agreement-template';
import { fenToCapitals } from './capital-numerals';
import {
  heading,
  numbered,
  paragraph,
  scheduleTable,
  signatureBlock,
  subtitle,
  title,
  verificationBlock,
  type SignatureRow,
} from './pdf-layout';

type Pdf = PDFKit.PDFDocument;

export function formatDocumentTime(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'Asia/Shanghai' }).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * The agreement's text in the order of 人民调解法 art. 29: the parties, the facts and dispute
 * with each side's responsibility, the agreed content with the manner and time of performance,
 * then service, effect, signatures; `afterSignatures` (the seal) and the verification follow.
 */
export function writeAgreement(
  pdf: Pdf,
  a: AgreementDocument,
  t: AgreementTemplate,
  qrPng: Buffer | null,
  afterSignatures?: (pdf: Pdf) => void,
): void {
  title(pdf, t.title);
  subtitle(pdf, [
    fill(t.header.caseNumber, { caseNumber: a.caseNumber }),
    fill(t.header.version, { version: a.version }),
    fill(t.header.draftedAt, { draftedAt: formatDocumentTime(a.draftedAt) }),
  ]);
  if (!a.verification) paragraph(pdf, t.draftNotice, { bold: true });

  heading(pdf, t.headings.mediation);
  paragraph(pdf, fill(t.lines.mediationCenter, { name: a.mediationCenter.name }));
  paragraph(pdf, fill(t.lines.mediator, { name: a.mediator.name }));

  parties(pdf, a, t);
  facts(pdf, a, t);
  terms(pdf, a, t);
  performance(pdf, a, t);

  heading(pdf, t.headings.clauses);
  const variables = { ...t.variables, borrower: a.borrower.name, lender: a.lender.name };
  const defaults = t.defaultClauses.map((clause) => fill(clause, variables));
  numbered(pdf, defaults);
  const extra = a.terms.clauses.map((c) => c.trim()).filter((c) => c !== '');
  if (extra.length > 0) {
    paragraph(pdf, t.extraClausesHeading, { bold: true, keepWithNext: true });
    numbered(pdf, extra, defaults.length + 1);
  }

  service(pdf, a, t);

  heading(pdf, t.headings.effect);
  numbered(pdf, [
    t.lines.inForce,
    fill(t.lines.judicialConfirmation, {
      court: a.mediationCenter.courtName,
      days: t.variables.confirmationDays,
    }),
    t.lines.copies,
  ]);

  signatures(pdf, a, t);
  afterSignatures?.(pdf);

  if (a.verification && qrPng) {
    verificationBlock(
      pdf,
      qrPng,
      t.headings.verification,
      fill(t.verification.code, { code: a.verification.code }),
      fill(t.verification.hint, { url: a.verification.url }),
    );
  }
}

function parties(pdf: Pdf, a: AgreementDocument, t: AgreementTemplate): void {
  heading(pdf, t.headings.parties);
  const b = a.borrower;
  paragraph(pdf, fill(t.lines.borrower, { name: b.name }), { bold: true });
  paragraph(pdf, fill(t.lines.borrowerId, { idNumber: b.idNumber }));
  paragraph(pdf, fill(t.lines.borrowerPhone, { phone: b.phone }));
  paragraph(pdf, fill(t.lines.borrowerEmail, { email: b.email }));
  if (b.postalAddress) paragraph(pdf, fill(t.lines.borrowerPostal, { address: b.postalAddress }));
  pdf.moveDown(0.3);
  const l = a.lender;
  paragraph(pdf, fill(t.lines.lender, { name: l.name }), { bold: true });
  paragraph(pdf, fill(t.lines.lenderCreditCode, { creditCode: l.creditCode }));
  paragraph(pdf, fill(t.lines.lenderAddress, { address: l.registeredAddress }));
  paragraph(pdf, fill(t.lines.lenderEmail, { email: l.contactEmail }));
}

function facts(pdf: Pdf, a: AgreementDocument, t: AgreementTemplate): void {
  heading(pdf, t.headings.facts);
  const f = a.facts;
  paragraph(
    pdf,
    fill(t.lines.facts, {
      contractNumber: f.contractNumber,
      principal: fenToYuan(f.principalFen),
      overdueSince: f.overdueSince,
    }),
  );
  paragraph(pdf, fill(t.lines.reason, { reason: t.reasons[f.overdueReason] }));
  const d = a.debt;
  const total = confirmedTotalFen(d);
  paragraph(
    pdf,
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
    paragraph(pdf, fill(t.lines.borrowerFigure, { outstanding: fenToYuan(f.outstandingFen) }));
  }
  paragraph(pdf, fill(t.lines.dispute, { center: a.mediationCenter.name }));
}

function terms(pdf: Pdf, a: AgreementDocument, t: AgreementTemplate): void {
  const money = (fen: number) => ({ amount: fenToYuan(fen), capitals: fenToCapitals(fen) });
  heading(pdf, t.headings.terms);
  numbered(pdf, [
    fill(t.lines.settlement, money(a.terms.settlementFen)),
    a.terms.waivedFen > 0 ? fill(t.lines.waiver, money(a.terms.waivedFen)) : t.lines.noWaiver,
    fill(t.lines.reconciles, { total: fenToYuan(a.terms.settlementFen + a.terms.waivedFen) }),
    fill(t.lines.installments, {
      installments: a.terms.installments,
      firstDueDate: a.terms.firstDueDate,
    }),
  ]);
  heading(pdf, t.headings.schedule);
  scheduleTable(pdf, a.schedule, t.schedule, fenToYuan);
}

function performance(pdf: Pdf, a: AgreementDocument, t: AgreementTemplate): void {
  heading(pdf, t.headings.performance);
  const p = a.terms.payment;
  numbered(pdf, [
    p.kind === 'account' ? fill(t.lines.payToAccount, p) : fill(t.lines.payByChannel, p),
    t.lines.cutoff,
    fill(t.lines.settlementCertificate, { days: t.variables.settlementCertificateDays }),
  ]);
}

function service(pdf: Pdf, a: AgreementDocument, t: AgreementTemplate): void {
  heading(pdf, t.headings.service);
  paragraph(pdf, t.lines.service);
  numbered(pdf, [
    fill(t.lines.serviceBorrower, {
      email: a.borrower.email,
      address: a.borrower.postalAddress,
      phone: a.borrower.phone,
    }),
    fill(t.lines.serviceLender, {
      email: a.lender.contactEmail,
      address: a.lender.registeredAddress,
    }),
    t.lines.serviceChange,
  ]);
}

function signatures(pdf: Pdf, a: AgreementDocument, t: AgreementTemplate): void {
  heading(pdf, t.headings.signatures);
  const s = t.signatures;
  const capacity = (sig: AgreementSignature): string => {
    switch (sig.capacity) {
      case 'self':
        return s.self;
      case 'representative':
        return s.representative;
      case 'signing_agent':
        return fill(s.signingAgent, { title: sig.title ?? '' });
      case 'mediator':
        return fill(s.mediatorCapacity, { center: a.mediationCenter.name });
    }
  };
  const row = (label: string, signed?: AgreementSignature, before: string[] = []) => ({
    label,
    signature: signed && {
      lines: [...before, `${signed.name}${capacity(signed)}`],
      signedAtLine: fill(s.signedAt, { time: formatDocumentTime(signed.signedAt) }),
    },
    blankSignedAtLine: fill(s.signedAt, { time: '' }),
  });
  const rows: SignatureRow[] = [
    row(s.borrower, a.signatures.borrower),
    row(s.lender, a.signatures.lender, [a.lender.name]),
    row(s.mediator, a.signatures.mediator),
  ];
  signatureBlock(
    pdf,
    rows,
    a.verification ? fill(s.footer, { center: a.mediationCenter.name }) : undefined,
  );
}
