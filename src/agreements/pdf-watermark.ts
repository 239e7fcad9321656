import { FONT } from './pdf-layout';

const WATERMARK_GREY = '#9a9a9a';

/**
 * Writes `text` diagonally across every buffered page, faint, over the content: a draft must
 * read as a draft on every page, printed or cut apart. Call once all content is laid out.
 */
export function watermarkEveryPage(pdf: PDFKit.PDFDocument, text: string): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const { width, height } = pdf.page;
    // Text near the page's edge would otherwise make pdfkit open a new page.
    const margins = { ...pdf.page.margins };
    pdf.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    pdf.save();
    pdf.rotate(-35, { origin: [width / 2, height / 2] });
    pdf.font(FONT.bold).fontSize(64).fillColor(WATERMARK_GREY).fillOpacity(0.25);
    const w = pdf.widthOfString(text);
    pdf.text(text, (width - w) / 2, height / 2 - pdf.currentLineHeight() / 2, {
      lineBreak: false,
    });
    pdf.restore();
    pdf.page.margins = margins;
  }
  pdf.fillColor('black').fillOpacity(1);
}
