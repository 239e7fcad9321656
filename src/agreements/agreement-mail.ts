import type { MailAttachment, MailExtra } from '../cases/case-mail';
import type { CaseRecord } from '../cases/case.entity';
import { fenToYuan } from '../common/money';
import type { AgreementParty } from './agreement-signature.entity';
import type { AgreementVersion } from './agreement-version.entity';

/** The version in question on the action's mails, with its amounts. */
export function agreementMail(
  version: AgreementVersion,
  state: { settled: boolean; signedBy: AgreementParty | null; bothSigned: boolean },
): MailExtra {
  return {
    agreement: {
      version: version.version,
      ...state,
      courtName: version.document.mediationCenter.courtName ?? null,
    },
    amounts: { settlement: fenToYuan(version.settlementFen), waived: fenToYuan(version.waivedFen) },
  };
}

/** The sealed PDF on the mail that says the agreement is in force. */
export const sealedAttachment = (
  c: CaseRecord,
  version: AgreementVersion,
  sealedPdfPath: string,
): MailAttachment => ({
  filename: `${c.caseNumber}-agreement-v${version.version}-sealed.pdf`,
  contentType: 'application/pdf',
  dataPath: sealedPdfPath,
});
