import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import type { SignAgreementDto } from '../workflow/actions.dto';
import type { ActionContext, EffectOutcome } from '../workflow/workflow.types';
import { renderAgreementPdf } from './agreement-pdf';
import {
  AGREEMENT_PARTIES,
  AgreementParty,
  AgreementSignature,
} from './agreement-signature.entity';
import { documentOf, snapshotOf, verifyUrlFor } from './agreement-snapshot';
import { sha256Hex } from '../common/hash';
import { AgreementStorage } from './agreement-storage';
import { termsFromInput, TermsInput } from './agreement-terms';
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
  async draft({ manager, case: c, input, principal, now }: ActionContext): Promise<EffectOutcome> {
    const terms = termsFromInput(input as unknown as TermsInput, c.loanOutstandingFen, now);
    const previous = await this.agreements.current(manager, c.id);
    const verificationCode = newVerificationCode();
    const version = manager.create(AgreementVersion, {
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
      createdBy: principal!.userId!,
      // The PDF's own date: the draft renders to these same bytes again.
      createdAt: now,
      sealedSha256: null,
      sealedPdfPath: null,
      sealedAt: null,
    });
    const pdf = await renderAgreementPdf(documentOf(version));
    version.draftSha256 = sha256Hex(pdf);
    version.draftPdfPath = await this.storage.write(c.id, version.version, 'draft', pdf);
    await manager.insert(AgreementVersion, version);

    // The old version keeps its signatures, void: they belong to a version no longer current.
    const voided = previous ? (await this.agreements.signatures(manager, previous.id)).length : 0;
    return {
      changes: { signedParties: [] },
      eventData: {
        agreementVersion: version.version,
        sha256: version.draftSha256,
        ...(previous ? { supersedesVersion: previous.version, voidedSignatures: voided } : {}),
      },
    };
  }

  /**
   * sign_agreement: the signer names the version and the SHA-256 of the PDF they read; both
   * must be the current draft's. Complete (settled) once both parties signed this version.
   */
  async sign(ctx: ActionContext): Promise<EffectOutcome> {
    const { manager, case: c, now, request } = ctx;
    const input = ctx.input as unknown as SignAgreementDto;
    const principal = ctx.principal!;
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
    const signature = manager.create(AgreementSignature, {
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
    await manager.insert(AgreementSignature, signature);

    const signatures = [...existing, signature];
    const settled = AGREEMENT_PARTIES.every((p) => signatures.some((s) => s.party === p));
    const sealedSha256 = settled ? await this.seal(manager, current, signatures, now) : null;
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
    };
  }

  /** The final PDF, signature block filled: stored once, its hash recorded, never re-rendered. */
  private async seal(
    manager: EntityManager,
    version: AgreementVersion,
    signatures: AgreementSignature[],
    now: Date,
  ): Promise<string> {
    const pdf = await renderAgreementPdf(documentOf(version, signatures));
    const sealedSha256 = sha256Hex(pdf);
    const sealedPdfPath = await this.storage.write(version.caseId, version.version, 'sealed', pdf);
    await manager.update(AgreementVersion, version.id, {
      sealedSha256,
      sealedPdfPath,
      sealedAt: now,
    });
    return sealedSha256;
  }
}
