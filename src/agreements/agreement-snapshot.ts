import type { CaseRecord } from '../cases/case.entity';
import { AppError } from '../common/errors/app-error';
import { maskIdNumber, maskPhone } from '../users/identity';
import type { AgreementDocument, AgreementSignature } from './agreement-document';
import type {
  AgreementSigner,
  AgreementSignature as SignatureRow,
} from './agreement-signature.entity';
import type { AgreementSnapshot, AgreementVersion } from './agreement-version.entity';

export const verifyUrlFor = (publicBaseUrl: string, code: string) =>
  `${publicBaseUrl}/api/v1/verify/${code}`;

/**
 * The details an agreement cannot go without (人民调解法 art. 29 (1), 司法确认): the lender's
 * registered name, credit code and address, the centre's court, the lender's debt statement.
 * Drafting without them answers 409 naming what is missing and who supplies it.
 */
export function assertDraftable(c: CaseRecord): void {
  const lender = c.lenderOrganization!;
  const missing = [
    !lender.creditCode && 'the lender organisation’s unified social credit code (creditCode)',
    !lender.registeredAddress && 'the lender organisation’s registered address',
    !c.mediationCenter!.courtName && 'the mediation centre’s court (courtName)',
  ].filter((m): m is string => !!m);
  if (missing.length) {
    throw new AppError(
      'CONFLICT',
      `an agreement needs ${missing.join(', ')}: an admin sets them with PATCH /api/v1/organizations/:id`,
    );
  }
  if (!c.debtStatement) {
    throw new AppError(
      'CONFLICT',
      'the lender has not stated the debt it confirms (lender_accept)',
    );
  }
}

/**
 * What the agreement shows of a case (loaded with its relations). The borrower's ID and phone
 * are masked in every copy: the PDF goes to the lender, by mail too, and may be uploaded
 * anywhere for verification; the court takes the parties' identity documents with the
 * application for judicial confirmation (docs/agreement.md). The overdue reason is its
 * category only: the borrower's own account, which may speak of illness, stays out.
 */
export function snapshotOf(c: CaseRecord): AgreementSnapshot {
  assertDraftable(c);
  const borrower = c.borrower!;
  const lender = c.lenderOrganization!;
  const center = c.mediationCenter!;
  return {
    locale: c.locale,
    caseNumber: c.caseNumber,
    mediationCenter: { name: center.name, courtName: center.courtName! },
    mediator: { name: c.mediator!.name },
    borrower: {
      name: c.borrowerName,
      idNumber: maskIdNumber(borrower.idNumber) ?? '—',
      phone: maskPhone(borrower.phone) ?? '—',
      email: borrower.email,
      postalAddress: c.serviceAddress?.postalAddress ?? null,
    },
    lender: {
      name: lender.name,
      creditCode: lender.creditCode!,
      registeredAddress: lender.registeredAddress!,
      contactEmail: lender.contactEmail,
    },
    facts: {
      contractNumber: c.loanContractNumber,
      principalFen: c.loanPrincipalFen,
      outstandingFen: c.loanOutstandingFen,
      overdueSince: c.loanOverdueSince,
      overdueReason: c.overdueReason,
    },
    debt: { ...c.debtStatement! },
  };
}

type SignatureFields = Pick<
  SignatureRow,
  'party' | 'signerName' | 'signerCapacity' | 'signerTitle' | 'signedAt'
>;

export const toSignature = (s: SignatureFields): AgreementSignature => ({
  name: s.signerName,
  capacity: s.signerCapacity,
  title: s.signerTitle,
  signedAt: s.signedAt,
});

/**
 * The renderer's input for a version: the draft (no signatures, no verification), or the
 * final with every signature, the mediator's among them, and its verification code.
 */
export function documentOf(
  v: AgreementVersion,
  signatures: SignatureFields[] = [],
  verification?: AgreementDocument['verification'],
): AgreementDocument {
  const signed: Partial<Record<AgreementSigner, AgreementSignature>> = {};
  for (const s of signatures) signed[s.party] = toSignature(s);
  if (!v.payment) {
    throw new AppError(
      'CONFLICT',
      `version ${v.version} was drafted before agreements named how the borrower pays: revise it`,
    );
  }
  return {
    ...v.document,
    version: v.version,
    terms: {
      settlementFen: v.settlementFen,
      waivedFen: v.waivedFen,
      installments: v.installments,
      firstDueDate: v.firstDueDate,
      clauses: v.clauses,
      payment: v.payment,
    },
    schedule: v.schedule,
    signatures: signed,
    ...(verification ? { verification } : {}),
    draftedAt: v.createdAt,
  };
}
