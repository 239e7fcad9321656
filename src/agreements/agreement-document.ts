import type { Locale, OverdueReason } from '../cases/case.entity';
import type { ScheduleRow } from './schedule';

/**
 * In what capacity someone signed: the borrower in person, a lender's representative (a user
 * of the lender), a lender's signing agent (named on its API key), the mediator.
 */
export type SignerCapacity = 'self' | 'representative' | 'signing_agent' | 'mediator';

export interface AgreementSignature {
  /** The signer's own name: never an organisation's. */
  name: string;
  capacity: SignerCapacity;
  /** A signing agent's title (法务经理), printed with the name. */
  title?: string | null;
  signedAt: Date;
}

/** Where the borrower pays: the lender's account, or a channel (its app, a payment service). */
export type AgreementPayment =
  | { kind: 'account'; accountName: string; bankName: string; accountNumber: string }
  | { kind: 'channel'; channel: string };

export interface AgreementTerms {
  settlementFen: number;
  waivedFen: number;
  installments: number;
  /** `YYYY-MM-DD` */
  firstDueDate: string;
  /** Extra clauses agreed in the session, printed after the template's default clauses. */
  clauses: string[];
  payment: AgreementPayment;
}

/** The lender's statement of the debt (lender_accept), in fen. */
export interface ConfirmedDebt {
  /** `YYYY-MM-DD` */
  asOf: string;
  principalFen: number;
  interestFen: number;
  penaltyInterestFen: number;
  feesFen: number;
}

/** Everything the written agreement shows; the renderer formats it and adds nothing of its own. */
export interface AgreementDocument {
  locale: Locale;
  caseNumber: string;
  version: number;
  mediationCenter: { name: string; courtName: string };
  mediator: { name: string };
  borrower: {
    name: string;
    /** Printed as given: masked in every copy (docs/agreement.md). */
    idNumber: string;
    phone: string;
    /** Where documents are served (送达地址确认). */
    email: string;
    postalAddress: string | null;
  };
  lender: { name: string; creditCode: string; registeredAddress: string; contactEmail: string };
  facts: {
    contractNumber: string;
    principalFen: number;
    /** The borrower's own figure at filing, shown as theirs where it differs from the lender's. */
    outstandingFen: number;
    /** `YYYY-MM-DD` */
    overdueSince: string;
    /** The category only: the borrower's narrative (and anything about health) stays out. */
    overdueReason: OverdueReason;
  };
  debt: ConfirmedDebt;
  terms: AgreementTerms;
  schedule: ScheduleRow[];
  signatures: {
    borrower?: AgreementSignature;
    lender?: AgreementSignature;
    mediator?: AgreementSignature;
  };
  /**
   * The sealed final only: its verification code and the address its QR code holds. A draft
   * has none, so nothing that looks verifiable ever exists of an agreement not in force.
   */
  verification?: { code: string; url: string };
  /** Also the PDF's creation date, so a re-render of the same version is byte-identical. */
  draftedAt: Date;
}

export const confirmedTotalFen = (d: ConfirmedDebt) =>
  d.principalFen + d.interestFen + d.penaltyInterestFen + d.feesFen;
