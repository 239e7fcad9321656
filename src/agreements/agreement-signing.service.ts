import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import type { ActionContext, EffectOutcome } from '../cases/case-action.types';
import type { MailExtra } from '../cases/case-mail';
import type { CaseRecord } from '../cases/case.entity';
import { fenToYuan } from '../common/money';
import type { EffectInput } from '../workflow/effects';
import { renderAgreementPdf } from './agreement-pdf';
import {
  AGREEMENT_PARTIES,
  AgreementParty,
  AgreementSignature,
} from './agreement-signature.entity';
import { documentOf, snapshotOf, verifyUrlFor } from './agreement-snapshot';
import { sha256Hex } from '../common/hash';
import { AgreementStorage } from './agreement-storage';
import { termsFromInput } from './agreement-terms';
import { AgreementVersion } from './agreement-version.entity';
import { AgreementRepository } from './agreement.repository';
import { buildSchedule } from './schedule';
import { newVerificationCode } from './verification-code';

/**
 * The agreement's side of the workflow, run inside the action's transaction on the locked
 * case: drafting a version, and signing it until both parties have, which seals it.
 */
@Injectable()
export class AgreementSigningService {
  constructor(
    private readonly agreements: AgreementRepository,
    private readonly storage: AgreementStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** draft_agreement and revise_agreement: the next version, its PDF and the PDF's hash. */
  async draft(ctx: ActionContext<EffectInput<'agreement:draft'>>): Promise<EffectOutcome> {
    const { manager, case: c, input, now } = ctx;
    const terms = termsFromInput(input, c.loanOutstandingFen, now);
    // Only a mediator drafts: the table says so, and the decision came before this effect.
    if (ctx.principal?.kind !== 'user') throw new Error('an agreement is drafted by a person');
    const previous = await this.agreements.current(manager, c.id);
    const verificationCode = newVerificationCode();
    const version = Object.assign(new AgreementVersion(), {
      caseId: c.id,
      version: (previous?.version ?? 0) + 1,
      settlementFen: terms.settlementFen,
      waivedFen: terms.waivedFen,
      installments: terms.installments,
      firstDueDate: terms.firstDueDate,
      clauses: terms.clauses,
      schedule: buildSchedule(terms),
      document: snapshotOf(c, verifyUrlFor(this.config.publicBaseUrl, verificationCode)),
      verificationCode,
      createdBy: ctx.principal.userId,
      // The PDF's own date: the draft renders to these same bytes again.
      createdAt: now,
      sealedSha256: null,
      sealedPdfPath: null,
      sealedAt: null,
    });
    const pdf = await renderAgreementPdf(documentOf(version));
    version.draftSha256 = sha256Hex(pdf);
    version.draftPdfPath = await this.storage.write(c.id, version.version, 'draft', pdf);
    await this.agreements.insertVersion(manager, version);

    // The old version keeps its signatures, void: they belong to a version no longer current.
    const voided = previous ? (await this.agreements.signatures(manager, previous.id)).length : 0;
    return {
      changes: { signedParties: [] },
      eventData: {
        agreementVersion: version.version,
        sha256: version.draftSha256,
        ...(previous ? { supersedesVersion: previous.version, voidedSignatures: voided } : {}),
      },
      mail: mailOf(c, version, { settled: false, signedBy: null }),
    };
  }

  /**
   * sign_agreement: the signer names the version and the SHA-256 of the PDF they read; both
   * must be the current draft's. Complete (settled) once both parties signed this version.
   */
  async sign(ctx: ActionContext<EffectInput<'agreement:sign'>>): Promise<EffectOutcome> {
    const { manager, case: c, now, request, input, principal } = ctx;
    if (!principal) throw new Error('an agreement is signed by a party');
    if (input.confirm === false) {
      throw AppError.validation([
        { field: 'confirm', message: 'must be true (or left out) to sign' },
      ]);
    }
    const current = await this.agreements.current(manager, c.id);
    if (!current) throw new AppError('AGREEMENT_MISMATCH', 'this case has no agreement to sign');
    if (input.version !== current.version) {
      throw new AppError(
        'AGREEMENT_MISMATCH',
        `version ${input.version} is not the current agreement; read version ${current.version} and sign that`,
        { currentVersion: current.version },
      );
    }
    if (input.sha256 !== current.draftSha256) {
      throw new AppError(
        'AGREEMENT_MISMATCH',
        `the SHA-256 is not that of version ${current.version}'s PDF; download it again and read it`,
        { currentVersion: current.version },
      );
    }
    const party: AgreementParty = principal.role === 'borrower' ? 'borrower' : 'lender';
    const existing = await this.agreements.signatures(manager, current.id);
    if (existing.some((s) => s.party === party)) {
      throw new AppError('CONFLICT', `the ${party} has already signed version ${current.version}`);
    }
    const signature = Object.assign(new AgreementSignature(), {
      agreementVersionId: current.id,
      party,
      signerName:
        party === 'borrower' ? current.document.borrower.name : current.document.lender.name,
      signerUserId: principal.userId,
      signerApiKeyId: principal.apiKeyId,
      organizationId: principal.organizationId,
      sha256: input.sha256,
      ip: request.ip,
      userAgent: request.userAgent?.slice(0, 500) ?? null,
      signedAt: now,
    });
    await this.agreements.insertSignature(manager, signature);

    const signatures = [...existing, signature];
    const settled = AGREEMENT_PARTIES.every((p) => signatures.some((s) => s.party === p));
    const sealed = settled ? await this.seal(manager, current, signatures, now) : null;
    const sealedSha256 = sealed?.sha256 ?? null;
    return {
      complete: settled,
      changes: { signedParties: signatures.map((s) => s.party) },
      eventData: {
        agreementVersion: current.version,
        sha256: input.sha256,
        party,
        settled,
        ...(sealedSha256 ? { sealedSha256 } : {}),
      },
      mail: {
        ...mailOf(c, current, { settled, signedBy: party }),
        attachments: sealed
          ? [
              {
                filename: `${c.caseNumber}-agreement-v${current.version}.pdf`,
                contentType: 'application/pdf',
                contentBase64: sealed.pdf.toString('base64'),
              },
            ]
          : [],
      },
    };
  }

  /** The final PDF, signature block filled: stored once, its hash recorded, never re-rendered. */
  private async seal(
    manager: EntityManager,
    version: AgreementVersion,
    signatures: AgreementSignature[],
    now: Date,
  ): Promise<{ sha256: string; pdf: Buffer }> {
    const pdf = await renderAgreementPdf(documentOf(version, signatures));
    const sealedSha256 = sha256Hex(pdf);
    const sealedPdfPath = await this.storage.write(version.caseId, version.version, 'sealed', pdf);
    await this.agreements.markSealed(manager, version.id, {
      sealedSha256,
      sealedPdfPath,
      sealedAt: now,
    });
    return { sha256: sealedSha256, pdf };
  }
}

/** The version in question on the action's mails, with its amounts. */
function mailOf(
  c: CaseRecord,
  version: AgreementVersion,
  state: { settled: boolean; signedBy: AgreementParty | null },
): MailExtra {
  return {
    agreement: { version: version.version, ...state },
    amounts: { settlement: fenToYuan(version.settlementFen), waived: fenToYuan(version.waivedFen) },
  };
}
