import type { Locale, OverdueReason } from '../cases/case.entity';
import type { ScheduleRow } from './schedule';

export interface AgreementSignature {
  name: string;
  signedAt: Date;
}

export interface AgreementTerms {
  settlementFen: number;
  waivedFen: number;
  installments: number;
  /** `YYYY-MM-DD` */
  firstDueDate: string;
  /** Extra clauses agreed in the session, printed after the template's default clauses. */
  clauses: string[];
}

/** Everything the written agreement shows; the renderer formats it and adds nothing of its own. */
export interface AgreementDocument {
  locale: Locale;
  caseNumber: string;
  version: number;
  mediationCenter: { name: string };
  mediator: { name: string };
  borrower: {
    name: string;
    /** Printed as given: the caller decides whether this copy shows it masked. */
    idNumber: string;
    phone: string;
  };
  lender: { name: string; contactEmail?: string };
  facts: {
    contractNumber: string;
    principalFen: number;
    outstandingFen: number;
    /** `YYYY-MM-DD` */
    overdueSince: string;
    overdueReason: OverdueReason;
    reasonDetail: string;
  };
  terms: AgreementTerms;
  schedule: ScheduleRow[];
  signatures: { borrower?: AgreementSignature; lender?: AgreementSignature };
  verificationCode: string;
  verifyUrl: string;
  /** Also the PDF's creation date, so a re-render of the same version is byte-identical. */
  draftedAt: Date;
}
