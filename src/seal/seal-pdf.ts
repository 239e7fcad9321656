import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { CadesSigner } from './cades-signer';
import type { SealIdentity } from './seal-identity';

/** Where the visible signature sits: a page of the document and a rectangle on it. */
export interface SealWidget {
  /** Index among the document's buffered pages (0 = first). */
  page: number;
  /** `[x1, y1, x2, y2]` in PDF coordinates: points, origin at the page's bottom left. */
  rect: [number, number, number, number];
}

export interface SealPdfOptions {
  identity: SealIdentity;
  /** Written as the signature dictionary's /M, which the signature covers. */
  signedAt: Date;
  widget: SealWidget;
  reason: string;
  location: string;
  contactInfo?: string;
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

/** Room for the CMS: its certificates, twice the issuer name, and the RSA signature. */
function signatureLength({ certificate, chain }: SealIdentity): number {
  const bytes = certificate.length * 2 + chain.reduce((n, c) => n + c.length, 0) + 2048;
  return Math.max(8192, Math.ceil(bytes / 1024) * 1024);
}

/**
 * Ends a laid-out PDFKit document (made with `bufferPages: true`, not yet ended) and signs it:
 * a PAdES baseline B-B signature (`ETSI.CAdES.detached`) over the whole file but the
 * signature's own /Contents, with its widget on `widget.page`. The same document, identity and
 * time give the same bytes: RSA PKCS#1 v1.5 has no randomness and nothing reads the clock.
 */
export async function sealPdf(pdf: PDFKit.PDFDocument, options: SealPdfOptions): Promise<Buffer> {
  const output = collect(pdf);
  // The placeholder puts its widget on the current page.
  pdf.switchToPage(options.widget.page);
  pdfkitAddPlaceholder({
    pdf,
    // Typed as required, unused by the PDFKit placeholder.
    pdfBuffer: Buffer.alloc(0),
    reason: options.reason,
    contactInfo: options.contactInfo ?? '',
    name: options.identity.commonName,
    location: options.location,
    signingTime: options.signedAt,
    signatureLength: signatureLength(options.identity),
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: options.widget.rect,
    appName: 'mediation-case-service',
  });
  pdf.end();
  const unsigned = await output;
  return new SignPdf().sign(unsigned, new CadesSigner(options.identity), options.signedAt);
}
