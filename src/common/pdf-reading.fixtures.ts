import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';

/**
 * Reading PDFs back in tests. pdfjs inside pdf-parse loads its worker with a dynamic import(),
 * which Jest's CommonJS sandbox refuses; a handler on globalThis.pdfjsWorker makes it parse
 * in-process instead. Call `loadPdfWorker()` in a `beforeAll` before reading.
 */
export async function loadPdfWorker(): Promise<void> {
  const workerPath = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  Object.assign(globalThis, { pdfjsWorker: await import(workerPath) });
}

export interface ParsedPdf {
  text: string;
  /** The text with all whitespace removed, since wrapping may split a phrase anywhere. */
  flat: string;
  pages: string[];
}

export async function readPdf(pdf: Buffer): Promise<ParsedPdf> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return {
      text: result.text,
      flat: result.text.replace(/\s+/g, ''),
      pages: result.pages.map((p) => p.text),
    };
  } finally {
    await parser.destroy();
  }
}

/** A phrase without whitespace, to find in `flat`. */
export const squash = (s: string) => s.replace(/\s+/g, '');
