import { createHash } from 'node:crypto';
import { fenToYuan } from '../common/money';
import { loadPdfWorker, readPdf as parse, squash } from '../common/pdf-reading.fixtures';
import type { ParsedPdf } from '../common/pdf-reading.fixtures';
import {
  SAMPLE_SIGNATURES,
  SAMPLE_VERIFICATION,
  sampleAgreementDocument,
} from './agreement-document.factory';
import { renderAgreementPdf } from './agreement-pdf';

jest.setTimeout(30_000);

beforeAll(loadPdfWorker);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('renderAgreementPdf: long agreements, determinism, English', () => {
  const signedAgreement = sampleAgreementDocument({
    signatures: SAMPLE_SIGNATURES,
    verification: SAMPLE_VERIFICATION,
  });

  describe('a 60-installment agreement with long names', () => {
    const longName = '欧阳'.repeat(25) + 'Wolfeschlegelsteinhausenbergerdorff'.repeat(2);
    const agreement = sampleAgreementDocument({
      terms: { settlementFen: 1234567, installments: 60, firstDueDate: '2027-01-31' },
      borrower: { name: longName },
      signatures: {
        borrower: { name: longName, capacity: 'self', signedAt: new Date('2026-11-26T06:03:00Z') },
      },
    });
    let pdf: Buffer;
    let parsed: ParsedPdf;
    beforeAll(async () => {
      pdf = await renderAgreementPdf(agreement);
      parsed = await parse(pdf);
    });

    it('lists all 60 rows, across pages, with the header repeated on each', () => {
      expect(agreement.schedule).toHaveLength(60);
      for (const row of agreement.schedule) {
        expect(parsed.text).toMatch(
          new RegExp(`^${row.seq}\\s+${row.dueDate}\\s+${fenToYuan(row.amountFen)}$`, 'm'),
        );
      }
      const tablePages = parsed.pages.filter((p) => /^\d+\s+\d{4}-\d{2}-\d{2}\s/m.test(p));
      expect(tablePages.length).toBeGreaterThanOrEqual(2);
      for (const page of tablePages) expect(page).toMatch(/^期数\s+应还日期\s+金额（元）$/m);
      expect(parsed.text).toMatch(/^60\s+2031-12-31\s+205\.83$/m);
      expect(parsed.text).toMatch(/^合计\s+12345\.67$/m);
    });

    it('wraps the long name instead of cutting it', () => {
      expect(parsed.flat).toContain(longName);
    });

    it('numbers every page', () => {
      const n = parsed.pages.length;
      expect(n).toBeGreaterThanOrEqual(3);
      parsed.pages.forEach((page, i) => expect(page).toContain(`第 ${i + 1} 页 / 共 ${n} 页`));
    });

    it('stays under 1 MB', () => {
      expect(pdf.length).toBeLessThan(1024 * 1024);
    });
  });

  describe('determinism', () => {
    it('renders the same input to the same bytes', async () => {
      const first = await renderAgreementPdf(signedAgreement);
      const second = await renderAgreementPdf(sampleAgreementDocument(signedAgreement));
      expect(sha256(second)).toBe(sha256(first));
    });

    it('renders the same bytes whatever the server time zone', async () => {
      const before = process.env.TZ;
      try {
        process.env.TZ = 'UTC';
        const utc = await renderAgreementPdf(signedAgreement);
        process.env.TZ = 'America/Los_Angeles';
        const la = await renderAgreementPdf(signedAgreement);
        expect(sha256(la)).toBe(sha256(utc));
      } finally {
        if (before === undefined) delete process.env.TZ;
        else process.env.TZ = before;
      }
    });

    it('gives another version of the agreement another file identifier', async () => {
      const v1 = await renderAgreementPdf(signedAgreement);
      const v2 = await renderAgreementPdf(
        sampleAgreementDocument({ ...signedAgreement, version: 2, draftedAt: new Date() }),
      );
      const id = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1];
      expect(id(v1)).toMatch(/^[0-9a-f]{32}$/);
      expect(id(v2)).not.toBe(id(v1));
    });
  });

  it('renders English headings and labels from the en template', async () => {
    const parsed = await parse(
      await renderAgreementPdf(
        sampleAgreementDocument({ ...signedAgreement, locale: 'en', terms: { clauses: [] } }),
      ),
    );
    for (const text of [
      'Mediation Agreement',
      `Case number: ${signedAgreement.caseNumber}`,
      'Repayment schedule',
      'Default and other clauses',
      'CNY 8000.00',
      '人民币捌仟元整',
      'unemployment',
      'more than 15 days late',
      'apply jointly to 上海市浦东新区人民法院 for judicial confirmation',
      'Addresses for service',
      'by 24:00 (Beijing time) on its due date',
      '张伟(in person)',
      'Signed at: 2026-11-26 14:03',
      `Verification code: ${SAMPLE_VERIFICATION.code}`,
    ]) {
      expect(parsed.flat).toContain(squash(text));
    }
    expect(parsed.text).toMatch(/^No\.\s+Due date\s+Amount \(CNY\)$/m);
    expect(parsed.text).not.toContain('调解协议书');
    const n = parsed.pages.length;
    parsed.pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${n}`));
  });
});
