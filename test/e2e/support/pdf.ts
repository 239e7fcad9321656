import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import type { Test } from 'supertest';

/** pdfjs inside pdf-parse loads its worker with import(), which Jest's CommonJS sandbox refuses. */
export async function loadPdfWorker(): Promise<void> {
  const workerPath = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  Object.assign(globalThis, { pdfjsWorker: await import(workerPath) });
}

export async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** A response body as bytes (supertest buffers only text by default). */
export const asBytes = (req: Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
