import { agreementBody, type AgreementBlock } from './agreement-body';
import type { AgreementDocument } from './agreement-document';
import { formatDocumentTime } from './agreement-pdf';
import { fill, loadAgreementTemplate } from './agreement-template';

/** One piece of the agreement as text: the same blocks the PDF prints. */
export type AgreementTextBlock = AgreementBlock;

export interface AgreementText {
  /** The agreement's own language (the case's), which may differ from the page's. */
  locale: AgreementDocument['locale'];
  title: string;
  subtitle: string[];
  blocks: AgreementTextBlock[];
}

/**
 * The written agreement as text, for reading on a phone and for screen readers: the very
 * blocks `renderAgreementPdf` prints (`agreementBody`), in its order, without the PDF's
 * signature lines, seal and QR code (the page shows who signed, and when).
 * A test reads the PDF back and finds every line of this text in it.
 */
export function agreementText(a: AgreementDocument): AgreementText {
  const t = loadAgreementTemplate(a.locale);
  // A draft says, as the PDF does under its title, that it is no agreement yet.
  const notice: AgreementTextBlock[] = a.verification
    ? []
    : [{ kind: 'paragraph', text: t.draftNotice, strong: true }];
  const blocks = [...notice, ...agreementBody(a, t)];
  return {
    locale: a.locale,
    title: t.title,
    subtitle: [
      fill(t.header.caseNumber, { caseNumber: a.caseNumber }),
      fill(t.header.version, { version: a.version }),
      fill(t.header.draftedAt, { draftedAt: formatDocumentTime(a.draftedAt) }),
    ],
    blocks,
  };
}
