import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { beijingIso } from '../calendar/calendar-date';
import { fenToYuan } from '../common/money';
import type { SealIdentity } from '../seal/seal-identity';
import { sealPdf } from '../seal/seal-pdf';
import { drawSealBlock } from '../seal/seal-stamp';

/** What a 结清证明 states: who, which agreement, what was paid, and when the plan was done. */
export interface SettlementCertificateFacts {
  caseNumber: string;
  borrowerName: string;
  lenderName: string;
  centreName: string;
  /** The sealed agreement it follows: its version and verification code. */
  agreementVersion: number;
  agreementCode: string;
  settlementFen: number;
  paidFen: number;
  /** What the lender waived (installments released); 0 when every fen was paid. */
  waivedFen: number;
  installments: number;
  payments: number;
  /** `YYYY-MM-DD`, Beijing. */
  completedOn: string;
  issuedAt: Date;
}

const FONT = { regular: 'regular', bold: 'bold' } as const;
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

/**
 * The settlement certificate (结清证明) as a PDF under the centre's electronic seal, the same
 * PAdES seal as the agreement's (src/seal): a changed byte breaks it. The same facts, identity
 * and time give the same bytes.
 */
export function renderSettlementCertificate(
  f: SettlementCertificateFacts,
  identity: SealIdentity,
): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 64, right: 64 },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `结清证明 ${f.caseNumber}`,
      Author: f.centreName,
      Creator: 'mediation-case-service',
      CreationDate: f.issuedAt,
      ModDate: f.issuedAt,
    },
  });
  pdf.registerFont(FONT.regular, fonts().regular);
  pdf.registerFont(FONT.bold, fonts().bold);
  pdf.font(FONT.bold).fontSize(22).text('结清证明', { align: 'center' });
  pdf
    .moveDown(0.5)
    .font(FONT.regular)
    .fontSize(11)
    .text(`案号：${f.caseNumber}`, { align: 'center' });
  pdf.moveDown(1.5).fontSize(12);
  const line = (label: string, value: string) =>
    pdf.font(FONT.bold).text(`${label}：`, { continued: true }).font(FONT.regular).text(value);
  line('申请人（借款人）', f.borrowerName);
  line('被申请人（贷款机构）', f.lenderName);
  line('调解组织', f.centreName);
  line('调解协议', `第 ${f.agreementVersion} 版，验证码 ${f.agreementCode}`);
  line('协议约定还款总额', `人民币 ${fenToYuan(f.settlementFen)} 元（分 ${f.installments} 期）`);
  line('已还款总额', `人民币 ${fenToYuan(f.paidFen)} 元（${f.payments} 笔还款）`);
  if (f.waivedFen > 0) line('贷款机构减免金额', `人民币 ${fenToYuan(f.waivedFen)} 元`);
  line('结清日期', f.completedOn);
  const settled =
    f.waivedFen > 0
      ? `经核对，申请人已按调解协议的约定还款人民币 ${fenToYuan(f.paidFen)} 元，` +
        `其余人民币 ${fenToYuan(f.waivedFen)} 元已由贷款机构减免，`
      : `经核对，申请人已按调解协议的约定还清全部款项（人民币 ${fenToYuan(f.paidFen)} 元），`;
  pdf.moveDown(1).text(`${settled}双方之间基于该调解协议的债权债务已经结清。`, { lineGap: 4 });
  pdf.moveDown(1);
  const widget = drawSealBlock(pdf, {
    centreName: f.centreName,
    stampText: '调解专用章',
    lines: [
      f.centreName,
      `出具时间：${beijingIso(f.issuedAt).slice(0, 16).replace('T', ' ')}（北京时间）`,
      `电子印章证书：${identity.commonName}`,
      '本证明加盖调解组织电子印章，任何改动都会使印章失效。',
    ],
    fonts: FONT,
    fontSize: 11,
  });
  return sealPdf(pdf, {
    identity,
    signedAt: f.issuedAt,
    widget,
    reason: `结清证明 ${f.caseNumber}`,
    location: f.centreName,
  });
}
