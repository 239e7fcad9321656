import { fenToYuan } from '../common/money';
import type { CaseStatus } from '../workflow/states';
import type { AgreementSignature } from './agreement-signature.entity';
import type { AgreementVersion } from './agreement-version.entity';
import type { AgreementResponse, AgreementStatus, VerificationResponse } from './agreements.dto';

export function agreementStatus(
  v: AgreementVersion,
  currentVersion: number,
  caseStatus: CaseStatus,
): AgreementStatus {
  if (v.sealedAt) return 'sealed';
  if (v.version < currentVersion) return 'superseded';
  return caseStatus === 'awaiting_signatures' ? 'awaiting_signatures' : 'void';
}

export function toAgreementResponse(
  v: AgreementVersion,
  signatures: AgreementSignature[],
  facts: { caseNumber: string; caseStatus: CaseStatus; currentVersion: number },
): AgreementResponse {
  return {
    caseId: v.caseId,
    caseNumber: facts.caseNumber,
    version: v.version,
    currentVersion: facts.currentVersion,
    status: agreementStatus(v, facts.currentVersion, facts.caseStatus),
    terms: {
      settlementAmount: fenToYuan(v.settlementFen),
      waivedAmount: fenToYuan(v.waivedFen),
      installments: v.installments,
      firstDueDate: v.firstDueDate,
      clauses: v.clauses,
    },
    schedule: v.schedule.map((r) => ({
      seq: r.seq,
      dueDate: r.dueDate,
      amount: fenToYuan(r.amountFen),
    })),
    sha256: v.sealedSha256 ?? v.draftSha256,
    draftSha256: v.draftSha256,
    sealedSha256: v.sealedSha256,
    sealedAt: v.sealedAt?.toISOString() ?? null,
    signatures: signatures.map((s) => ({
      party: s.party,
      name: s.signerName,
      signedAt: s.signedAt.toISOString(),
    })),
    verificationCode: v.verificationCode,
    verifyUrl: v.document.verifyUrl,
    createdAt: v.createdAt.toISOString(),
  };
}

export function toVerificationResponse(
  v: AgreementVersion,
  facts: { caseNumber: string; caseStatus: CaseStatus; currentVersion: number },
): VerificationResponse {
  return {
    caseNumber: facts.caseNumber,
    status: agreementStatus(v, facts.currentVersion, facts.caseStatus),
    version: v.version,
    sha256: v.sealedSha256,
    signedAt: v.sealedAt?.toISOString() ?? null,
  };
}
