/** Font names the layout uses; the renderer registers the files under these names. */
export const FONT = { regular: 'regular', bold: 'bold' } as const;
export const SIZE = { title: 20, heading: 12, body: 10.5, table: 10, small: 8.5 } as const;
export const MARGINS = { top: 56, bottom: 64, left: 64, right: 64 } as const;
const LINE_GAP = 3;
const GREY = '#555555';
const RULE = '#999999';

type Pdf = PDFKit.PDFDocument;

const left = (pdf: Pdf) => pdf.page.margins.left;
export const contentWidth = (pdf: Pdf) =>
  pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
const bottom = (pdf: Pdf) => pdf.page.height - pdf.page.margins.bottom;

/** Starts a new page unless `height` still fits, so blocks that belong together stay together. */
export function keepTogether(pdf: Pdf, height: number): void {
  if (pdf.y + height > bottom(pdf)) pdf.addPage();
}

function lineHeight(pdf: Pdf, size: number): number {
  return pdf.font(FONT.regular).fontSize(size).currentLineHeight(true) + LINE_GAP;
}

export function title(pdf: Pdf, text: string): void {
  pdf
    .font(FONT.bold)
    .fontSize(SIZE.title)
    .text(text, left(pdf), pdf.y, { width: contentWidth(pdf), align: 'center' });
  pdf.moveDown(0.4);
}

/** Small centred lines under the title (case number, version). */
export function subtitle(pdf: Pdf, lines: string[]): void {
  pdf.font(FONT.regular).fontSize(SIZE.small).fillColor(GREY);
  for (const line of lines) {
    pdf.text(line, left(pdf), pdf.y, { width: contentWidth(pdf), align: 'center' });
  }
  pdf.fillColor('black').moveDown(0.8);
}

export function heading(pdf: Pdf, text: string): void {
  // A heading alone at the foot of a page reads as belonging to nothing.
  keepTogether(pdf, lineHeight(pdf, SIZE.heading) + 3 * lineHeight(pdf, SIZE.body));
  pdf.moveDown(0.5);
  pdf
    .font(FONT.bold)
    .fontSize(SIZE.heading)
    .text(text, left(pdf), pdf.y, { width: contentWidth(pdf), lineGap: LINE_GAP });
  pdf.moveDown(0.25);
}

export function paragraph(
  pdf: Pdf,
  text: string,
  options: { bold?: boolean; keepWithNext?: boolean } = {},
): void {
  if (options.keepWithNext) keepTogether(pdf, 3 * lineHeight(pdf, SIZE.body));
  pdf
    .font(options.bold ? FONT.bold : FONT.regular)
    .fontSize(SIZE.body)
    .text(text, left(pdf), pdf.y, {
      width: contentWidth(pdf),
      lineGap: LINE_GAP,
      paragraphGap: 2,
    });
}

/** A numbered list with a hanging indent, which pdfkit keeps across page breaks. */
export function numbered(pdf: Pdf, items: string[], start = 1): void {
  const hang = 18;
  pdf.font(FONT.regular).fontSize(SIZE.body);
  items.forEach((item, i) => {
    keepTogether(pdf, lineHeight(pdf, SIZE.body));
    const y = pdf.y;
    pdf.text(`${start + i}.`, left(pdf), y, { width: hang, lineBreak: false });
    pdf.text(item, left(pdf) + hang, y, {
      width: contentWidth(pdf) - hang,
      lineGap: LINE_GAP,
      paragraphGap: 3,
    });
  });
}

export interface ScheduleLabels {
  seq: string;
  dueDate: string;
  amount: string;
  total: string;
}

/** The whole schedule as a ruled table, amounts as printed; a page break repeats the header row. */
export function scheduleTable(
  pdf: Pdf,
  rows: { seq: number; dueDate: string; amount: string }[],
  labels: ScheduleLabels,
  total: string,
): void {
  const x = left(pdf);
  const width = contentWidth(pdf);
  const widths = [width * 0.2, width * 0.4, width * 0.4];
  const rowHeight = 18;
  const pad = 6;

  const drawRow = (cells: string[], options: { bold?: boolean; shade?: boolean } = {}) => {
    const y = pdf.y;
    if (options.shade) pdf.rect(x, y, width, rowHeight).fill('#eeeeee').fillColor('black');
    pdf.font(options.bold ? FONT.bold : FONT.regular).fontSize(SIZE.table);
    const textY = y + (rowHeight - pdf.currentLineHeight()) / 2;
    let cellX = x;
    cells.forEach((cell, i) => {
      pdf.text(cell, cellX + pad, textY, {
        width: widths[i] - 2 * pad,
        align: i === 2 ? 'right' : i === 0 ? 'center' : 'left',
        lineBreak: false,
      });
      cellX += widths[i];
    });
    pdf
      .moveTo(x, y + rowHeight)
      .lineTo(x + width, y + rowHeight)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    pdf.y = y + rowHeight;
  };
  const header = () => {
    pdf
      .moveTo(x, pdf.y)
      .lineTo(x + width, pdf.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    drawRow([labels.seq, labels.dueDate, labels.amount], { bold: true, shade: true });
  };

  // Header plus a few rows at least, so the header never sits alone at a page foot.
  keepTogether(pdf, rowHeight * 4);
  header();
  for (const row of rows) {
    if (pdf.y + rowHeight > bottom(pdf)) {
      pdf.addPage();
      header();
    }
    drawRow([String(row.seq), row.dueDate, row.amount]);
  }
  if (pdf.y + rowHeight > bottom(pdf)) {
    pdf.addPage();
    header();
  }
  drawRow([labels.total, '', total], { bold: true });
  pdf.x = x;
  pdf.moveDown(0.5);
}

export interface SignatureRow {
  label: string;
  /** Absent until the party signs: the row then shows lines to sign on. */
  signature?: { lines: string[]; signedAtLine: string };
  /** The signing-time label alone, followed by a line to write on, while unsigned. */
  blankSignedAtLine: string;
}

/**
 * One row per signer (label, who signed and in what capacity, when), the columns aligned
 * across rows; long names wrap within their column and the block never splits across pages.
 */
export function signatureBlock(pdf: Pdf, rows: SignatureRow[], footer?: string): void {
  const width = contentWidth(pdf);
  const widths = [width * 0.25, width * 0.44, width * 0.31];
  const gap = 8;
  const opts = (i: number) => ({ width: widths[i] - gap, lineGap: LINE_GAP });
  pdf.fontSize(SIZE.body);
  const heightOf = (text: string, i: number, font: string = FONT.regular) =>
    pdf.font(font).heightOfString(text, opts(i));
  const blankHeight = 26;
  const heights = rows.map((r) =>
    Math.max(
      heightOf(r.label, 0, FONT.bold),
      r.signature ? r.signature.lines.reduce((h, line) => h + heightOf(line, 1), 0) : blankHeight,
      heightOf(r.signature?.signedAtLine ?? r.blankSignedAtLine, 2),
    ),
  );
  const rowGap = 10;
  const footerHeight = footer
    ? pdf.font(FONT.regular).heightOfString(footer, { width, lineGap: LINE_GAP })
    : 0;
  keepTogether(pdf, heights.reduce((a, b) => a + b + rowGap, 0) + footerHeight + 24);

  const x = [left(pdf), left(pdf) + widths[0], left(pdf) + widths[0] + widths[1]];
  let y = pdf.y + 6;
  rows.forEach((row, i) => {
    pdf.font(FONT.bold).fontSize(SIZE.body).text(row.label, x[0], y, opts(0));
    pdf.font(FONT.regular);
    if (row.signature) {
      let lineY = y;
      for (const line of row.signature.lines) {
        pdf.text(line, x[1], lineY, opts(1));
        lineY = pdf.y;
      }
      pdf.text(row.signature.signedAtLine, x[2], y, opts(2));
    } else {
      underline(pdf, x[1], y + blankHeight - 4, widths[1] - gap);
      pdf.text(row.blankSignedAtLine, x[2], y, opts(2));
      const labelWidth = pdf.widthOfString(row.blankSignedAtLine) + 4;
      underline(pdf, x[2] + labelWidth, y + pdf.currentLineHeight(), widths[2] - gap - labelWidth);
    }
    y += heights[i] + rowGap;
  });
  pdf.y = y;
  if (footer) {
    pdf.font(FONT.regular).fontSize(SIZE.body).text(footer, left(pdf), pdf.y, {
      width,
      lineGap: LINE_GAP,
    });
  }
}

function underline(pdf: Pdf, x: number, y: number, width: number): void {
  pdf
    .moveTo(x, y)
    .lineTo(x + width, y)
    .lineWidth(0.6)
    .strokeColor('black')
    .stroke();
}

/** The QR code beside the code and the address, kept on one page. */
export function verificationBlock(
  pdf: Pdf,
  qrPng: Buffer,
  headingText: string,
  codeLine: string,
  hint: string,
): void {
  const size = 84;
  const gap = 14;
  const textWidth = contentWidth(pdf) - size - gap;
  pdf.fontSize(SIZE.body);
  const textHeight =
    pdf.font(FONT.bold).heightOfString(`${headingText}\n${codeLine}`, { width: textWidth }) +
    pdf.font(FONT.regular).heightOfString(hint, { width: textWidth, lineGap: LINE_GAP });
  keepTogether(pdf, Math.max(size, textHeight) + 24);
  const top = pdf.y + 16;
  const x = left(pdf);
  pdf.image(qrPng, x, top, { width: size, height: size });
  const textX = x + size + gap;
  pdf.font(FONT.bold).text(headingText, textX, top, { width: textWidth });
  pdf.text(codeLine, textX, pdf.y + 2, { width: textWidth });
  pdf
    .font(FONT.regular)
    .fillColor(GREY)
    .text(hint, textX, pdf.y + 4, { width: textWidth, lineGap: LINE_GAP });
  pdf.fillColor('black');
  pdf.y = Math.max(pdf.y, top + size);
}

/** Writes "page i of n" on every buffered page; call once all content is laid out. */
export function pageNumbers(pdf: Pdf, label: (page: number, pages: number) => string): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    // Text inside the bottom margin would otherwise make pdfkit open a new page.
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font(FONT.regular)
      .fontSize(SIZE.small)
      .fillColor(GREY)
      .text(label(i + 1, count), left(pdf), pdf.page.height - margin / 2 - 4, {
        width: contentWidth(pdf),
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins.bottom = margin;
  }
  pdf.fillColor('black');
}
