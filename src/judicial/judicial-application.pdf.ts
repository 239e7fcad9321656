import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { AgreementSnapshot } from '../agreements/agreement-version.entity';
import { formatDocumentTime } from '../agreements/agreement-pdf';
import {
  FONT,
  heading,
  MARGINS,
  numbered,
  pageNumbers,
  paragraph,
  signatureBlock,
  subtitle,
  title,
} from '../agreements/pdf-layout';
import { fenToYuan } from '../common/money';

/** What the joint application states: the sealed agreement's snapshot and the hand-off's facts. */
export interface ApplicationFacts {
  caseNumber: string;
  /** The agreement as sealed: the parties' details exactly as it prints them. */
  document: AgreementSnapshot;
  agreementVersion: number;
  verificationCode: string;
  settlementFen: number;
  installments: number;
  /** When the agreement took effect (the seal). */
  effectiveAt: Date;
  court: string;
  /** The deadline in words and its end, "2030-05-06 24:00". */
  deadlineWords: string;
  borrowerJoinedAt: Date | null;
  lenderJoinedAt: Date | null;
  evidence: { filename: string; sizeBytes: number; sha256: string }[];
  producedAt: Date;
}

// Read once per process; pdfkit embeds only the glyphs used.
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
const fonts = () =>
  (fontFiles ??= {
    regular: readFileSync(
      require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    ),
    bold: readFileSync(
      require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
    ),
  });

const day = (at: Date) => formatDocumentTime(at).slice(0, 10);

/**
 * The 司法确认申请书, prefilled from the sealed agreement, laid out with the agreement's own
 * helpers (src/agreements/pdf-layout). It is the parties' application, not the centre's act, so
 * it carries no seal of the centre: it records each party's confirmation on the platform and
 * leaves the court's signature lines to the parties; the sealed agreement travels beside it.
 */
export function renderApplicationPdf(f: ApplicationFacts): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `司法确认申请书 ${f.caseNumber}`,
      Author: f.document.mediationCenter.name,
      Creator: 'mediation-case-service',
      CreationDate: f.producedAt,
      ModDate: f.producedAt,
    },
  });
  pdf.registerFont(FONT.regular, fonts().regular);
  pdf.registerFont(FONT.bold, fonts().bold);
  const { borrower: b, lender: l, mediationCenter: centre, mediator, facts } = f.document;

  title(pdf, '司法确认申请书');
  subtitle(pdf, [
    `调解案号：${f.caseNumber}`,
    `调解协议第 ${f.agreementVersion} 版 · 验证码 ${f.verificationCode}`,
  ]);
  heading(pdf, '申请人');
  paragraph(pdf, `申请人一（借款人）：${b.name}`, { bold: true });
  paragraph(pdf, `身份证号码：${b.idNumber}`);
  paragraph(pdf, `联系电话：${b.phone}`);
  paragraph(pdf, `电子送达地址：${b.email}`);
  if (b.postalAddress) paragraph(pdf, `邮寄送达地址：${b.postalAddress}`);
  pdf.moveDown(0.4);
  paragraph(pdf, `申请人二（贷款机构）：${l.name}`, { bold: true });
  paragraph(pdf, `统一社会信用代码：${l.creditCode}`);
  paragraph(pdf, `住所：${l.registeredAddress}`);
  paragraph(pdf, `电子送达地址：${l.contactEmail}`);

  heading(pdf, '请求事项');
  paragraph(
    pdf,
    `请求${f.court}确认申请人于 ${day(f.effectiveAt)} 经${centre.name}主持调解达成的调解协议` +
      `（调解案号 ${f.caseNumber}，第 ${f.agreementVersion} 版，验证码 ${f.verificationCode}）有效。`,
  );

  heading(pdf, '事实与理由');
  paragraph(
    pdf,
    `申请人因借款合同（合同编号 ${facts.contractNumber}）逾期还款发生纠纷，经${centre.name}` +
      `调解员${mediator.name}主持调解，双方自愿达成调解协议：申请人一向申请人二支付人民币 ` +
      `${fenToYuan(f.settlementFen)} 元，分 ${f.installments} 期清偿。协议经双方签署、调解员确认并加盖` +
      `调解组织印章，于 ${formatDocumentTime(f.effectiveAt)}（北京时间）生效。`,
  );
  paragraph(
    pdf,
    '依照《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条、' +
      '第二百零六条，申请人自调解协议生效之日起三十日内共同提出本申请。',
  );
  paragraph(pdf, `申请期限：${f.deadlineWords}`);

  heading(pdf, '申请人承诺');
  numbered(pdf, [
    '申请人出于解决纠纷的目的自愿达成调解协议，没有恶意串通、规避法律的行为；',
    '调解协议不损害国家利益、社会公共利益或者他人合法权益；',
    '如因虚假陈述、提供虚假材料造成他人损害，申请人愿意承担相应的法律责任。',
  ]);

  heading(pdf, '附件');
  numbered(pdf, [
    `调解协议书（第 ${f.agreementVersion} 版，加盖${centre.name}电子印章，验证码 ${f.verificationCode}）`,
    `证据材料清单：共 ${f.evidence.length} 份`,
    ...f.evidence.map(
      (e) => `证据：${e.filename}（${e.sizeBytes} 字节，SHA-256 ${e.sha256.slice(0, 16)}…）`,
    ),
  ]);

  paragraph(pdf, `此致\n${f.court}`, { bold: true });
  pdf.moveDown(0.5);
  const joined = (at: Date | null, name: string) =>
    at
      ? {
          signature: {
            lines: [name, '已在调解平台确认共同申请'],
            signedAtLine: `确认时间：${formatDocumentTime(at)}`,
          },
        }
      : {};
  signatureBlock(
    pdf,
    [
      { label: '申请人一', blankSignedAtLine: '日期：', ...joined(f.borrowerJoinedAt, b.name) },
      { label: '申请人二', blankSignedAtLine: '日期：', ...joined(f.lenderJoinedAt, l.name) },
    ],
    `本申请书由${centre.name}依调解协议预填，于 ${formatDocumentTime(f.producedAt)}（北京时间）生成；` +
      '调解组织不在本申请书上盖章，调解协议书另附。',
  );
  pageNumbers(pdf, (page, pages) => `第 ${page} 页，共 ${pages} 页`);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.end();
  return done;
}
