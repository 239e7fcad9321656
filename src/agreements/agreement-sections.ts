import { DateTime } from 'luxon';
import type { AgreementDocument, AgreementSignature } from './agreement-document';
import { agreementBody, type AgreementBlock } from './agreement-body';
import { fill, type AgreementTemplate } from './agreement-template';
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

  for (const block of agreementBody(a, t)) writeBlock(pdf, block);

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

function writeBlock(pdf: Pdf, b: AgreementBlock): void {
  switch (b.kind) {
    case 'heading':
      return heading(pdf, b.text);
    case 'paragraph':
      if (b.spaced) pdf.moveDown(0.3);
      return paragraph(pdf, b.text, { bold: b.strong, keepWithNext: b.keepWithNext });
    case 'list':
      return numbered(pdf, b.items, b.start);
    case 'schedule':
      return scheduleTable(pdf, b.rows, b.head, b.total);
  }
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
