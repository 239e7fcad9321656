import type { SealWidget } from './seal-pdf';

/** The red of a Chinese official seal (印泥红). */
const SEAL_RED = '#c8161d';
const GREY = '#555555';
const DIAMETER = 108;
const GAP = 18;

export interface SealBlock {
  /** Printed around the top of the seal. */
  centreName: string;
  /** Printed across the bottom of the seal, under the star. */
  stampText: string;
  /** Beside the seal, in order: the first bold, the last small and grey. */
  lines: string[];
  /** Registered font names. */
  fonts: { regular: string; bold: string };
  fontSize: number;
}

/**
 * Draws the seal block at the current position (on a new page unless it fits): the text on the
 * left, a round seal on the right: double ring, the centre's name along the upper arc, a star,
 * the stamp text below it. Call while laying out, so the current page is the last one. Answers
 * where the seal is, for the signature widget. The text lines come first in the content stream,
 * so a text extractor reads them whole; the seal's characters, drawn one by one, follow.
 */
export function drawSealBlock(pdf: PDFKit.PDFDocument, block: SealBlock): SealWidget {
  const { left, right, bottom } = pdf.page.margins;
  const width = pdf.page.width - left - right;
  const textWidth = width - DIAMETER - GAP;
  const options = { width: textWidth, lineGap: 3, paragraphGap: 3 };
  const fontOf = (i: number) => (i === 0 ? block.fonts.bold : block.fonts.regular);
  const sizeOf = (i: number) =>
    i === block.lines.length - 1 ? block.fontSize - 2 : block.fontSize;
  const textHeight = block.lines.reduce(
    (h, line, i) => h + pdf.font(fontOf(i)).fontSize(sizeOf(i)).heightOfString(line, options),
    0,
  );
  const height = Math.max(DIAMETER, textHeight) + 16;
  if (pdf.y + height > pdf.page.height - bottom) pdf.addPage();

  const top = pdf.y + 8;
  pdf.y = top + Math.max(0, (DIAMETER - textHeight) / 2);
  block.lines.forEach((line, i) => {
    const last = i === block.lines.length - 1;
    pdf
      .font(fontOf(i))
      .fontSize(sizeOf(i))
      .fillColor(last ? GREY : 'black');
    pdf.text(line, left, pdf.y, options);
  });
  pdf.fillColor('black');

  const x = left + width - DIAMETER;
  drawSeal(pdf, x + DIAMETER / 2, top + DIAMETER / 2, DIAMETER / 2, block);
  pdf.x = left;
  pdf.y = top + height - 8;

  const { start, count } = pdf.bufferedPageRange();
  const h = pdf.page.height;
  return { page: start + count - 1, rect: [x, h - (top + DIAMETER), x + DIAMETER, h - top] };
}

function drawSeal(pdf: PDFKit.PDFDocument, cx: number, cy: number, r: number, b: SealBlock) {
  pdf.save();
  pdf.strokeColor(SEAL_RED).fillColor(SEAL_RED);
  pdf
    .lineWidth(2.6)
    .circle(cx, cy, r - 1.3)
    .stroke();
  pdf
    .lineWidth(0.7)
    .circle(cx, cy, r - 5)
    .stroke();
  star(pdf, cx, cy, r * 0.27);

  // The name runs clockwise over up to 250 degrees centred on the top, letters upright outward.
  const chars = [...b.centreName.trim()];
  const span = (250 * Math.PI) / 180;
  let size = Math.min(r * 0.24, Math.max(5, ((span * (r - 14)) / chars.length) * 0.92));
  const radius = r - 9.5 - size / 2;
  size = Math.min(size, Math.max(5, ((span * radius) / chars.length) * 0.92));
  const step = Math.min(span / chars.length, (size * 1.08) / radius);
  pdf.font(b.fonts.bold).fontSize(size);
  chars.forEach((ch, i) => {
    const angle = (i - (chars.length - 1) / 2) * step;
    const px = cx + radius * Math.sin(angle);
    const py = cy - radius * Math.cos(angle);
    pdf.save();
    pdf.rotate((angle * 180) / Math.PI, { origin: [px, py] });
    const w = pdf.widthOfString(ch);
    pdf.text(ch, px - w / 2, py - pdf.currentLineHeight() / 2, { lineBreak: false });
    pdf.restore();
  });

  pdf.font(b.fonts.bold).fontSize(r * 0.17);
  // Narrower than the ring at the height it sits.
  pdf.fontSize(Math.min(r * 0.17, (r * 0.17 * r * 1.2) / pdf.widthOfString(b.stampText)));
  const w = pdf.widthOfString(b.stampText);
  pdf.text(b.stampText, cx - w / 2, cy + r * 0.36, { lineBreak: false });
  pdf.restore();
  // PDFKit tracks colours itself; restore() reset only the page's graphics state.
  pdf.fillColor('black').strokeColor('black').lineWidth(1);
}

function star(pdf: PDFKit.PDFDocument, cx: number, cy: number, outer: number): void {
  const inner = outer * 0.382;
  const points: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = (i * Math.PI) / 5;
    points.push([cx + radius * Math.sin(angle), cy - radius * Math.cos(angle)]);
  }
  pdf.polygon(...points).fill();
}
