import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { SealIdentity } from '../seal/seal-identity';
import { sealPdf, type SealWidget } from '../seal/seal-pdf';
import { drawSealBlock } from '../seal/seal-stamp';
import type { AgreementDocument } from './agreement-document';
import { formatDocumentTime, writeAgreement } from './agreement-sections';
import { fill, loadAgreementTemplate } from './agreement-template';
import { FONT, MARGINS, pageNumbers, SIZE } from './pdf-layout';
import { watermarkEveryPage } from './pdf-watermark';

export { formatDocumentTime };

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

/**
 * Renders the written agreement: a draft (no `verification`: watermarked on every page, no
 * verification code or QR code, no seal), or the final's text without its seal. The same
 * input always gives the same bytes: pdfkit derives the file /ID from the info dictionary,
 * whose dates come from `draftedAt`, and nothing else depends on the clock or on chance.
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
  if (!agreement.verification) throw new Error('a sealed agreement carries its verification code');
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
  const v = agreement.verification;
  const qrPng = v
    ? await QRCode.toBuffer(v.url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 6 })
    : null;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: agreement.locale,
    displayTitle: true,
    info: {
      Title: `${template.title} ${agreement.caseNumber}`,
      Author: agreement.mediationCenter.name,
      ...(v ? { Keywords: v.code } : { Subject: template.watermark }),
      Creator: 'mediation-case-service',
      CreationDate: agreement.draftedAt,
      ModDate: agreement.draftedAt,
    },
  });
  pdf.registerFont(FONT.regular, fonts().regular);
  pdf.registerFont(FONT.bold, fonts().bold);

  writeAgreement(pdf, agreement, template, qrPng, afterSignatures);
  pageNumbers(pdf, (page, pages) => fill(template.pageNumber, { page, pages }));
  if (!v) watermarkEveryPage(pdf, template.watermark);
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
