import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { sampleAgreementDocument } from './agreement-document.factory';
import { renderAgreementPdf } from './agreement-pdf';
import { agreementText } from './agreement-text';
import type { AgreementText } from './agreement-text';

jest.setTimeout(30_000);

// As in agreement-pdf.spec.ts: pdfjs parses in-process under Jest's CommonJS sandbox.
beforeAll(async () => {
  const workerPath = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  Object.assign(globalThis, { pdfjsWorker: await import(workerPath) });
});

const squash = (s: string) => s.replace(/\s+/g, '');

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return squash((await parser.getText()).text);
  } finally {
    await parser.destroy();
  }
}

/** Every line the text view shows, in its order. */
function lines(text: AgreementText): string[] {
  return [
    text.title,
    ...text.subtitle,
    ...text.blocks.flatMap((b) => {
      if (b.kind === 'heading' || b.kind === 'paragraph') return [b.text];
      if (b.kind === 'list') return b.items;
      return [...b.rows.map((r) => `${r.seq}${r.dueDate}${r.amount}`), `${b.head.total}${b.total}`];
    }),
  ];
}

describe('agreementText', () => {
  it.each(['zh-CN', 'en'] as const)(
    'says in %s what the PDF says, in its order, line for line',
    async (locale) => {
      const doc = sampleAgreementDocument({
        locale,
        terms: { clauses: ['申请人可以随时提前还款。'] },
      });
      const pdf = await pdfText(await renderAgreementPdf(doc));
      let from = 0;
      for (const line of lines(agreementText(doc))) {
        const at = pdf.indexOf(squash(line), from);
        expect({ line, found: at >= 0 }).toEqual({ line, found: true });
        from = at + squash(line).length;
      }
    },
  );

  it('carries the terms, the schedule adding up, the default and the extra clauses', () => {
    const text = agreementText(sampleAgreementDocument({ terms: { clauses: ['额外约定'] } }));
    const schedule = text.blocks.find((b) => b.kind === 'schedule');
    expect(schedule && schedule.kind === 'schedule' && schedule.rows).toHaveLength(12);
    expect(schedule && schedule.kind === 'schedule' && schedule.total).toBe('8000.00');
    const lists = text.blocks.filter((b) => b.kind === 'list');
    expect(lists.at(-1)).toMatchObject({ items: ['额外约定'], start: 5 });
    expect(text.locale).toBe('zh-CN');
  });
});
