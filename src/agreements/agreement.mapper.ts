import { fenToYuan } from '../common/money';
import type { SealVerification } from '../seal/verify-sealed-pdf';
import type { CaseStatus } from '../workflow/states';
import type { AgreementSignature } from './agreement-signature.entity';
import { verifyUrlFor } from './agreement-snapshot';
import type { AgreementVersion } from './agreement-version.entity';
import type {
  AgreementResponse,
  AgreementStatus,
  SealCheckResponse,
  VerificationResponse,
} from './agreements.dto';

export function agreementStatus(
  v: AgreementVersion,
  currentVersion: number,
  caseStatus: CaseStatus,
): AgreementStatus {
  if (v.sealedAt) return 'sealed';
  if (v.version < currentVersion) return 'superseded';
  return caseStatus === 'awaiting_signatures' ? 'awaiting_signatures' : 'void';
}

interface CaseFacts {
  caseNumber: string;
  caseStatus: CaseStatus;
  currentVersion: number;
}

export function toAgreementResponse(
  v: AgreementVersion,
  signatures: AgreementSignature[],
  facts: CaseFacts,
  publicBaseUrl: string,
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
      payment: v.payment,
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
      capacity: s.signerCapacity,
      title: s.signerTitle,
      signedAt: s.signedAt.toISOString(),
    })),
    verificationCode: v.verificationCode,
    verifyUrl: v.verificationCode ? verifyUrlFor(publicBaseUrl, v.verificationCode) : null,
    createdAt: v.createdAt.toISOString(),
  };
}

/** The seal check as the API tells it; `centreCertificate` compares with the recorded one. */
export function toSealCheck(v: AgreementVersion, check: SealVerification): SealCheckResponse {
  return {
    valid: check.valid,
    coversWholeFile: check.coversWholeFile,
    centreCertificate:
      check.signer !== null && check.signer.certificateSha256 === v.sealCertificateSha256,
    signer: check.signer?.commonName ?? null,
    signedAt: check.signedAt?.toISOString() ?? null,
    ...(check.valid ? {} : { reason: check.reason }),
  };
}

/**
 * What verification answers for a version: the draft that was uploaded, or the sealed final
 * with its seal's check. In force only when sealed and the seal holds over the whole file by
 * the certificate that sealed it.
 */
export function toVerificationResponse(
  v: AgreementVersion,
  facts: CaseFacts,
  found: { draft: true } | { draft: false; seal: SealCheckResponse | null },
): VerificationResponse {
  const status = agreementStatus(v, facts.currentVersion, facts.caseStatus);
  const seal = found.draft ? null : found.seal;
  const inForce =
    !found.draft &&
    status === 'sealed' &&
    !!seal &&
    seal.valid &&
    seal.coversWholeFile &&
    seal.centreCertificate;
  return {
    kind: 'agreement',
    caseNumber: facts.caseNumber,
    status,
    version: v.version,
    currentVersion: facts.currentVersion,
    draft: found.draft,
    inForce,
    statement: statementOf(v.version, facts, status, found.draft, inForce),
    sha256: found.draft ? null : v.sealedSha256,
    signedAt: found.draft ? null : (v.sealedAt?.toISOString() ?? null),
    seal,
  };
}

function statementOf(
  version: number,
  f: CaseFacts,
  status: AgreementStatus,
  draft: boolean,
  inForce: boolean,
): string {
  const of = `version ${version} of the agreement of case ${f.caseNumber}`;
  const which = `V${of.slice(1)}`;
  if (inForce) {
    return `${which} is in force: signed by both parties and the mediator and sealed by the centre.`;
  }
  if (status === 'sealed' && draft) {
    return `This file is the draft of ${of}, which is in force only as its sealed copy; a draft is no agreement.`;
  }
  if (status === 'sealed') {
    return `${which} was sealed, but this file's seal does not check out: do not rely on it.`;
  }
  if (status === 'superseded') {
    return `This is a draft of ${of}, superseded by version ${f.currentVersion}: it is not in force and never will be.`;
  }
  if (status === 'void') {
    return `This is a draft of ${of}; the case ended without settlement: it is void.`;
  }
  return `This is a draft of ${of}, awaiting the signatures and the mediator's confirmation: it is not in force yet.`;
}
