import type { CaseRecord } from '../cases/case.entity';
import { maskIdNumber, maskPhone } from '../users/identity';
import type { AgreementDocument, AgreementSignature } from './agreement-document';
import type {
  AgreementParty,
  AgreementSignature as SignatureRow,
} from './agreement-signature.entity';
import type { AgreementSnapshot, AgreementVersion } from './agreement-version.entity';

export const verifyUrlFor = (publicBaseUrl: string, code: string) =>
  `${publicBaseUrl}/api/v1/verify/${code}`;

/**
 * What the agreement shows of a case (loaded with its relations). The borrower's ID and phone
 * are masked in every copy: the PDF goes to the lender, by mail too, and may be uploaded
 * anywhere for verification; the court takes the parties' identity documents with the
 * application for judicial confirmation (docs/agreement.md).
 */
export function snapshotOf(c: CaseRecord, verifyUrl: string): AgreementSnapshot {
  const borrower = c.borrower!;
  return {
    locale: c.locale,
    caseNumber: c.caseNumber,
    mediationCenter: { name: c.mediationCenter!.name },
    mediator: { name: c.mediator!.name },
    borrower: {
      name: c.borrowerName,
      idNumber: maskIdNumber(borrower.idNumber) ?? '—',
      phone: maskPhone(borrower.phone) ?? '—',
    },
    lender: {
      name: c.lenderOrganization!.name,
      contactEmail: c.lenderOrganization!.contactEmail,
    },
    facts: {
      contractNumber: c.loanContractNumber,
      principalFen: c.loanPrincipalFen,
      outstandingFen: c.loanOutstandingFen,
      overdueSince: c.loanOverdueSince,
      overdueReason: c.overdueReason,
      reasonDetail: c.reasonDetail,
    },
    verifyUrl,
  };
}

/** The renderer's input for a version: the draft without signatures, the sealed copy with both. */
export function documentOf(
  v: AgreementVersion,
  signatures: Pick<SignatureRow, 'party' | 'signerName' | 'signedAt'>[] = [],
): AgreementDocument {
  const signed: Partial<Record<AgreementParty, AgreementSignature>> = {};
  for (const s of signatures) signed[s.party] = { name: s.signerName, signedAt: s.signedAt };
  return {
    ...v.document,
    version: v.version,
    terms: {
      settlementFen: v.settlementFen,
      waivedFen: v.waivedFen,
      installments: v.installments,
      firstDueDate: v.firstDueDate,
      clauses: v.clauses,
    },
    schedule: v.schedule,
    signatures: signed,
    verificationCode: v.verificationCode,
    draftedAt: v.createdAt,
  };
}
