import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { fenToYuan } from '../common/money';
import type { SealIdentity } from '../seal/seal-identity';
import { sealPdf, type SealWidget } from '../seal/seal-pdf';
import { drawSealBlock } from '../seal/seal-stamp';
import type { AgreementDocument, AgreementSignature } from './agreement-document';
import { fill, loadAgreementTemplate, type AgreementTemplate } from './agreement-template';
import { fenToCapitals } from './capital-numerals';
import {
  FONT,
  heading,
  MARGINS,
  numbered,
  pageNumbers,
  paragraph,
  scheduleTable,
  signatureBlock,
  SIZE,
  subtitle,
  title,
  verificationBlock,
  type SignatureColumn,
} from './pdf-layout';

const DOCUMENT_ZONE = 'Asia/Shanghai';

// Each weight is an 11 MB file: read once per process, not per render. pdfkit embeds only
// the glyphs a document uses, so the output stays small.
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontFiles ??= {
    regular: readFileSync(
      require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    ),
    bold: readFileSync(
      require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
    ),
  };
  return fontFiles;
}

export function formatDocumentTime(at: Date): string {
  return DateTime.fromJSDate(at, { zone: DOCUMENT_ZONE }).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * Renders the written agreement. The same input always gives the same bytes: pdfkit derives
 * the file /ID from the info dictionary, whose dates come from `draftedAt`, and nothing else in
 * the file depends on the clock or on chance — a sealed agreement's hash survives a re-render.
 */
export async function renderAgreementPdf(agreement: AgreementDocument): Promise<Buffer> {
  const pdf = await layOut(agreement);
  const output = collect(pdf);
  pdf.end();
  return output;
}

/** The centre's electronic seal on the final agreement. */
export interface AgreementSeal {
  identity: SealIdentity;
  /** Printed in the seal block (Beijing time) and signed as the signature's time. */
  sealedAt: Date;
}

/**
 * The final agreement with the centre's electronic seal: the same document as
 * `renderAgreementPdf`, a seal block after the signatures (the drawn seal, the centre, the time
 * and the certificate), and a PAdES signature over the whole file whose widget is that seal.
 * Deterministic like the draft for the same agreement, identity and `sealedAt`. Store these
 * bytes and serve them as they are: any change, even re-saving, breaks the signature.
 */
export async function renderSealedAgreementPdf(
  agreement: AgreementDocument,
  seal: AgreementSeal,
): Promise<Buffer> {
  const t = loadAgreementTemplate(agreement.locale);
  const center = agreement.mediationCenter.name;
  let widget: SealWidget | undefined;
  const pdf = await layOut(agreement, (page) => {
    widget = drawSealBlock(page, {
      centreName: center,
      stampText: t.seal.stamp,
      lines: [
        fill(t.seal.center, { center }),
        fill(t.seal.signedAt, { time: formatDocumentTime(seal.sealedAt) }),
        fill(t.seal.certificate, { subject: seal.identity.commonName }),
        t.seal.note,
      ],
      fonts: FONT,
      fontSize: SIZE.body,
    });
  });
  if (!widget) throw new Error('the seal block was not laid out');
  return sealPdf(pdf, {
    identity: seal.identity,
    signedAt: seal.sealedAt,
    widget,
    reason: fill(t.seal.reason, { caseNumber: agreement.caseNumber, version: agreement.version }),
    location: center,
  });
}

/** The whole document laid out on buffered pages, not yet ended. */
async function layOut(
  agreement: AgreementDocument,
  afterSignatures?: (pdf: PDFKit.PDFDocument) => void,
): Promise<PDFKit.PDFDocument> {
  assertScheduleMatchesTerms(agreement);
  const template = loadAgreementTemplate(agreement.locale);
  const qrPng = await QRCode.toBuffer(agreement.verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    scale: 6,
  });
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: agreement.locale,
    displayTitle: true,
    info: {
      Title: `${template.title} ${agreement.caseNumber}`,
      Author: agreement.mediationCenter.name,
      Keywords: agreement.verificationCode,
      Creator: 'mediation-case-service',
      CreationDate: agreement.draftedAt,
      ModDate: agreement.draftedAt,
    },
  });
  pdf.registerFont(FONT.regular, fonts().regular);
  pdf.registerFont(FONT.bold, fonts().bold);

  writeAgreement(pdf, agreement, template, qrPng, afterSignatures);
  pageNumbers(pdf, (page, pages) => fill(template.pageNumber, { page, pages }));
  return pdf;
}

/** A schedule that disagrees with the terms above it must never reach a signed page. */
function assertScheduleMatchesTerms({ terms, schedule }: AgreementDocument): void {
  const total = schedule.reduce((sum, row) => sum + row.amountFen, 0);
  if (schedule.length !== terms.installments || total !== terms.settlementFen) {
    throw new RangeError(
      `schedule (${schedule.length} rows, ${total} fen) does not match the terms ` +
        `(${terms.installments} installments, ${terms.settlementFen} fen)`,
    );
  }
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

function writeAgreement(
  pdf: PDFKit.PDFDocument,
  a: AgreementDocument,
  t: AgreementTemplate,
  qrPng: Buffer,
  afterSignatures?: (pdf: PDFKit.PDFDocument) => void,
): void {
  const money = (fen: number) => ({ amount: fenToYuan(fen), capitals: fenToCapitals(fen) });

  title(pdf, t.title);
  subtitle(pdf, [
    fill(t.header.caseNumber, { caseNumber: a.caseNumber }),
    fill(t.header.version, { version: a.version }),
    fill(t.header.draftedAt, { draftedAt: formatDocumentTime(a.draftedAt) }),
  ]);

  heading(pdf, t.headings.mediation);
  paragraph(pdf, fill(t.lines.mediationCenter, { name: a.mediationCenter.name }));
  paragraph(pdf, fill(t.lines.mediator, { name: a.mediator.name }));

  heading(pdf, t.headings.parties);
  paragraph(pdf, fill(t.lines.borrower, { name: a.borrower.name }), { bold: true });
  paragraph(pdf, fill(t.lines.borrowerId, { idNumber: a.borrower.idNumber }));
  paragraph(pdf, fill(t.lines.borrowerPhone, { phone: a.borrower.phone }));
  pdf.moveDown(0.3);
  paragraph(pdf, fill(t.lines.lender, { name: a.lender.name }), { bold: true });
  if (a.lender.contactEmail) {
    paragraph(pdf, fill(t.lines.lenderEmail, { email: a.lender.contactEmail }));
  }

  heading(pdf, t.headings.facts);
  const f = a.facts;
  paragraph(
    pdf,
    fill(t.lines.facts, {
      contractNumber: f.contractNumber,
      principal: fenToYuan(f.principalFen),
      outstanding: fenToYuan(f.outstandingFen),
      overdueSince: f.overdueSince,
    }),
  );
  paragraph(
    pdf,
    fill(t.lines.reason, { reason: t.reasons[f.overdueReason], detail: f.reasonDetail.trim() }),
  );
  paragraph(pdf, fill(t.lines.dispute, { center: a.mediationCenter.name }));

  heading(pdf, t.headings.terms);
  numbered(pdf, [
    fill(t.lines.settlement, money(a.terms.settlementFen)),
    a.terms.waivedFen > 0 ? fill(t.lines.waiver, money(a.terms.waivedFen)) : t.lines.noWaiver,
    fill(t.lines.installments, {
      installments: a.terms.installments,
      firstDueDate: a.terms.firstDueDate,
    }),
  ]);

  heading(pdf, t.headings.schedule);
  scheduleTable(pdf, a.schedule, t.schedule, fenToYuan);

  heading(pdf, t.headings.clauses);
  const variables = { ...t.variables, borrower: a.borrower.name, lender: a.lender.name };
  const defaults = t.defaultClauses.map((clause) => fill(clause, variables));
  numbered(pdf, defaults);
  const extra = a.terms.clauses.map((c) => c.trim()).filter((c) => c !== '');
  if (extra.length > 0) {
    paragraph(pdf, t.extraClausesHeading, { bold: true, keepWithNext: true });
    numbered(pdf, extra, defaults.length + 1);
  }

  heading(pdf, t.headings.signatures);
  const column = (label: string, signed?: AgreementSignature): SignatureColumn => ({
    label,
    signature: signed && {
      name: signed.name,
      signedAtLine: fill(t.signatures.signedAt, { time: formatDocumentTime(signed.signedAt) }),
    },
    blankSignedAtLine: fill(t.signatures.signedAt, { time: '' }),
  });
  signatureBlock(
    pdf,
    [
      column(t.signatures.borrower, a.signatures.borrower),
      column(t.signatures.lender, a.signatures.lender),
    ],
    fill(t.signatures.mediator, { mediator: a.mediator.name, center: a.mediationCenter.name }),
  );
  afterSignatures?.(pdf);

  verificationBlock(
    pdf,
    qrPng,
    t.headings.verification,
    fill(t.verification.code, { code: a.verificationCode }),
    fill(t.verification.hint, { url: a.verifyUrl }),
  );
}
