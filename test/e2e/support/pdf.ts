import { readPdf } from '../../../src/common/pdf-reading.fixtures';
import type { Test } from 'supertest';

export { loadPdfWorker } from '../../../src/common/pdf-reading.fixtures';

export async function pdfText(pdf: Buffer): Promise<string> {
  return (await readPdf(pdf)).text;
}

/** A response body as bytes (supertest buffers only text by default). */
export const asBytes = (req: Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
