import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { fenToYuan } from '../common/money';
import {
  SAMPLE_SIGNATURES,
  SAMPLE_VERIFICATION,
  sampleAgreementDocument,
} from './agreement-document.factory';
import { renderAgreementPdf } from './agreement-pdf';

jest.setTimeout(30_000);

// pdfjs inside pdf-parse loads its worker with a dynamic import(), which Jest's CommonJS
// sandbox refuses; a handler on globalThis.pdfjsWorker makes it parse in-process instead.
beforeAll(async () => {
  const workerPath = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  Object.assign(globalThis, { pdfjsWorker: await import(workerPath) });
});

interface ParsedPdf {
  text: string;
  /** The text with all whitespace removed, since wrapping may split a phrase anywhere. */
  flat: string;
  pages: string[];
}

async function parse(pdf: Buffer): Promise<ParsedPdf> {
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

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const squash = (s: string) => s.replace(/\s+/g, '');

/** Every object dictionary of a given /Type; pdfkit writes dictionaries uncompressed. */
function dictionaries(pdf: Buffer, type: string): string[] {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/\d+ 0 obj\s*<<([\s\S]*?)>>\s*(?:stream|endobj)/g)]
    .map((m) => m[1])
    .filter((d) => d.includes(`/Type /${type}`));
}

describe('renderAgreementPdf', () => {
  const signedAgreement = sampleAgreementDocument({
    signatures: SAMPLE_SIGNATURES,
    verification: SAMPLE_VERIFICATION,
  });

  describe('a final 12-installment agreement in Chinese', () => {
    let pdf: Buffer;
    let parsed: ParsedPdf;
    beforeAll(async () => {
      pdf = await renderAgreementPdf(signedAgreement);
      parsed = await parse(pdf);
    });

    it('is a PDF', () => {
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('shows the title, case number, mediation centre, mediator and both parties’ details', () => {
      const a = signedAgreement;
      for (const text of [
        '调解协议书',
        a.caseNumber,
        a.mediationCenter.name,
        a.mediator.name,
        `申请人（借款人）：${a.borrower.name}`,
        a.borrower.idNumber,
        a.borrower.phone,
        `电子邮箱：${a.borrower.email}`,
        `邮寄地址：${a.borrower.postalAddress}`,
        `被申请人（贷款机构）：${a.lender.name}`,
        `统一社会信用代码：${a.lender.creditCode}`,
        `住所：${a.lender.registeredAddress}`,
        a.lender.contactEmail,
      ]) {
        expect(parsed.flat).toContain(squash(text));
      }
    });

    it('states the facts, the overdue reason’s category and the debt the lender confirmed', () => {
      for (const text of [
        'XF-2024-00098765',
        '12000.00元',
        '2026-03-15',
        '逾期原因（类别）：失业',
      ]) {
        expect(parsed.flat).toContain(text);
      }
      expect(parsed.flat).toContain(
        '截至2026-11-20，申请人尚欠：本金人民币8000.00元，利息人民币900.00元，罚息人民币500.40元，滞纳金及其他费用人民币250.00元，合计人民币9650.40元',
      );
      expect(parsed.flat).toContain('应当承担偿还责任');
      // The borrower's figure at filing equals the lender's here: nothing to set beside it.
      expect(parsed.flat).not.toContain('申请人的陈述');
    });

    it('says how, where and by when the borrower pays, and what the lender does at the end', () => {
      expect(parsed.flat).toContain(
        squash(
          '户名 某某消费金融有限公司，开户银行 中国工商银行上海市分行营业部，账号 1001 2345 6789 0123 456',
        ),
      );
      expect(parsed.flat).toContain('应于该期应还日期当日24:00前到账');
      expect(parsed.flat).toContain('15日内向申请人出具结清证明');
      expect(parsed.flat).toContain('更新申请人的信用记录');
    });

    it('confirms the addresses for service and names the court for judicial confirmation', () => {
      expect(parsed.flat).toContain(squash('八、送达地址确认'));
      expect(parsed.flat).toContain(
        squash(`申请人：电子邮箱 ${signedAgreement.borrower.email}；邮寄地址`),
      );
      expect(parsed.flat).toContain(squash('被申请人：电子邮箱 mediation@lender.example.cn；住所'));
      expect(parsed.flat).toContain(
        '自本协议生效之日起30日内共同向上海市浦东新区人民法院申请司法确认（《中华人民共和国民事诉讼法》第二百零五条、第二百零六条）',
      );
      expect(parsed.flat).toContain('调解员签名并加盖调解组织印章之日起生效');
    });

    it('writes the settlement and the waiver in figures and in capitals', () => {
      expect(parsed.flat).toContain('人民币8000.00元');
      expect(parsed.flat).toContain('人民币捌仟元整');
      expect(parsed.flat).toContain('人民币1650.40元');
      expect(parsed.flat).toContain('人民币壹仟陆佰伍拾元肆角');
      expect(parsed.flat).toContain('分12期偿还，首期应还日期为2026-12-15');
    });

    it('lists every schedule row with its date and amount, and the total', () => {
      for (const row of signedAgreement.schedule) {
        expect(parsed.text).toMatch(
          new RegExp(`^${row.seq}\\s+${row.dueDate}\\s+${fenToYuan(row.amountFen)}$`, 'm'),
        );
      }
      expect(parsed.text).toMatch(/^合计\s+8000\.00$/m);
    });

    it('includes the default clauses with their numbers filled in, then the extra clauses', () => {
      expect(parsed.flat).toContain('逾期超过15日的');
      expect(parsed.flat).toContain('停止一切催收活动');
      expect(parsed.flat).toContain(squash(signedAgreement.terms.clauses[0]));
      expect(parsed.text).not.toContain('{{');
    });

    it('shows each signer by name and capacity, with the time, in Beijing time', () => {
      expect(parsed.flat).toContain('张伟（本人）签署时间：2026-11-2614:03');
      expect(parsed.flat).toContain('王芳（被申请人授权代表）签署时间：2026-11-2800:30');
      expect(parsed.flat).toContain(
        '李明（调解员，上海市浦东新区金融纠纷人民调解委员会）签署时间：2026-11-2810:00',
      );
    });

    it('carries no draft watermark', () => {
      expect(parsed.text).not.toContain('DRAFT');
    });

    it('carries the verification code, the address and a QR image', () => {
      expect(parsed.flat).toContain(`核验码：${SAMPLE_VERIFICATION.code}`);
      expect(parsed.flat).toContain(SAMPLE_VERIFICATION.url);
      expect(pdf.toString('latin1')).toContain('/Subtype /Image');
    });

    it('numbers every page as 第 i 页 / 共 n 页', () => {
      const n = parsed.pages.length;
      expect(n).toBeGreaterThanOrEqual(2);
      parsed.pages.forEach((page, i) => expect(page).toContain(`第 ${i + 1} 页 / 共 ${n} 页`));
    });

    it('embeds every font it uses, as subsets, and uses no unembedded standard font', () => {
      const descriptors = dictionaries(pdf, 'FontDescriptor');
      expect(descriptors.length).toBeGreaterThanOrEqual(2);
      for (const d of descriptors) {
        expect(d).toMatch(/\/FontFile2 \d+ 0 R/);
        expect(d).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-/);
      }
      expect(pdf.toString('latin1')).not.toMatch(/\/Subtype \/Type1/);
    });
  });

  describe('a draft', () => {
    let pdf: Buffer;
    let parsed: ParsedPdf;
    beforeAll(async () => {
      pdf = await renderAgreementPdf(sampleAgreementDocument({ signatures: {} }));
      parsed = await parse(pdf);
    });

    it('is watermarked 草稿 / DRAFT on every page and says it is not in force', () => {
      expect(parsed.pages.length).toBeGreaterThanOrEqual(2);
      for (const page of parsed.pages) expect(page).toContain('草稿 / DRAFT');
      expect(parsed.flat).toContain('不发生协议效力，亦无核验码');
    });

    it('carries no verification code, no QR code and no seal', () => {
      expect(parsed.flat).not.toContain('核验码：');
      expect(parsed.flat).not.toContain('/verify/');
      const raw = pdf.toString('latin1');
      expect(raw).not.toContain('/Subtype /Image');
      expect(raw).not.toContain('/ByteRange');
    });

    it('leaves lines to sign on for both parties and the mediator', () => {
      expect(parsed.flat.match(/签署时间：(?!\d)/g)).toHaveLength(3);
      expect(parsed.flat).not.toMatch(/签署时间：\d/);
    });
  });

  it('prints nothing of illness: a neutral category and no narrative', async () => {
    const parsed = await parse(
      await renderAgreementPdf(sampleAgreementDocument({ facts: { overdueReason: 'illness' } })),
    );
    expect(parsed.flat).toContain('逾期原因（类别）：个人突发情况');
    expect(parsed.flat).not.toMatch(/病|疾|医/);
  });

  it('sets the borrower’s own figure beside the confirmed one where they differ', async () => {
    const parsed = await parse(
      await renderAgreementPdf(sampleAgreementDocument({ facts: { outstandingFen: 1000000 } })),
    );
    expect(parsed.flat).toContain(
      '申请人申请调解时自行申报的欠款金额为人民币10000.00元（申请人的陈述），与被申请人确认的金额不一致',
    );
  });

  it('names the channel the borrower pays through, when there is no account', async () => {
    const parsed = await parse(
      await renderAgreementPdf(
        sampleAgreementDocument({
          terms: { payment: { kind: 'channel', channel: '好分期App还款' } },
        }),
      ),
    );
    expect(parsed.flat).toContain('申请人应通过以下渠道支付各期款项：好分期App还款');
    expect(parsed.flat).not.toContain('户名');
  });

  it('prints a signing agent with their title', async () => {
    const parsed = await parse(
      await renderAgreementPdf(
        sampleAgreementDocument({
          signatures: {
            lender: {
              name: '赵敏',
              capacity: 'signing_agent',
              title: '法务部经理',
              signedAt: new Date('2026-11-27T01:00:00Z'),
            },
          },
        }),
      ),
    );
    expect(parsed.flat).toContain(
      '赵敏（法务部经理，经被申请人系统签署）签署时间：2026-11-2709:00',
    );
  });

  it("prints a party's text verbatim, never as a template", async () => {
    const clause = 'Handlebars {{graceDays}} & <b>"quotes"</b> stay as typed';
    const parsed = await parse(
      await renderAgreementPdf(sampleAgreementDocument({ terms: { clauses: [clause] } })),
    );
    expect(parsed.flat).toContain(squash(clause));
  });

  it('says so when nothing is waived', async () => {
    const parsed = await parse(
      await renderAgreementPdf(sampleAgreementDocument({ terms: { waivedFen: 0 } })),
    );
    expect(parsed.flat).toContain('本协议不涉及罚息、滞纳金等费用的减免');
  });

  it('refuses a schedule that does not add up to the settlement', async () => {
    const agreement = sampleAgreementDocument();
    agreement.schedule[0] = { ...agreement.schedule[0], amountFen: 1 };
    await expect(renderAgreementPdf(agreement)).rejects.toThrow(/does not match the terms/);
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
