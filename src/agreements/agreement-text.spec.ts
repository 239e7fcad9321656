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
      // A line may run across a page break: leave out what every page prints at its foot
      // (page number, the draft watermark, the parser's page separator).
      const pdf = (await pdfText(await renderAgreementPdf(doc)))
        .replace(/第\d+页\/共\d+页|Page\d+of\d+/g, '')
        .replace(/草稿\/DRAFT(?!:)/g, '')
        .replace(/--\d+of\d+--/g, '');
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
    // Numbered on after the template's two default clauses (performance, court and 司法确认
    // are sections of their own since issue 15).
    expect(lists.find((l) => l.kind === 'list' && l.items[0] === '额外约定')).toMatchObject({
      start: 3,
    });
    expect(text.locale).toBe('zh-CN');
  });

  it('shows the parties’ details, the debt, the performance, the court and 司法确认', () => {
    const doc = sampleAgreementDocument();
    const all = lines(agreementText(doc)).join('\n');
    for (const s of [
      `统一社会信用代码：${doc.lender.creditCode}`,
      `住所：${doc.lender.registeredAddress}`,
      `电子邮箱：${doc.borrower.email}`,
      '八、送达地址确认',
      '六、履行方式与期限',
      '当日 24:00 前到账',
      '结清证明',
      `${doc.mediationCenter.courtName}申请司法确认`,
      '第二百零五条、第二百零六条',
    ]) {
      expect(all).toContain(s);
    }
    expect(all).toMatch(/罚息人民币 \d+\.\d{2} 元/);
    // A draft says it is one; the sealed final does not.
    expect(all).toContain('草稿：');
  });
});
