import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActionContext, EffectOutcome, PrepareContext } from '../cases/case-action.types';
import type { CaseRecord } from '../cases/case.entity';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { sha256Hex } from '../common/hash';
import { SealKeyring } from '../seal/seal-keyring';
import type { EffectInput } from '../workflow/effects';
import { agreementMail, sealedAttachment } from './agreement-mail';
import { renderSealedAgreementPdf } from './agreement-pdf';
import { AGREEMENT_PARTIES, AgreementSignature } from './agreement-signature.entity';
import { documentOf, verifyUrlFor } from './agreement-snapshot';
import { AgreementStorage } from './agreement-storage';
import type { AgreementVersion } from './agreement-version.entity';
import { AgreementRepository } from './agreement.repository';
import { currentVersionSigned } from './agreement-signing.service';
import { newVerificationCode } from './verification-code';

type ConfirmInput = EffectInput<'agreement:confirm'>;

/** A sealed final rendered before the case was locked, and what it was rendered from. */
export class PreparedSeal {
  constructor(
    readonly versionId: string,
    /** The signature ids it shows, sorted: signatures are append-only, so ids fix their content. */
    readonly signatureIds: string,
    readonly mediatorName: string,
    readonly sealedAt: Date,
    readonly verificationCode: string,
    readonly certificateSha256: string,
    readonly pdf: Buffer,
  ) {}

  fits(version: AgreementVersion, signatures: AgreementSignature[], mediatorName: string) {
    return (
      this.versionId === version.id &&
      this.signatureIds === idsOf(signatures) &&
      this.mediatorName === mediatorName
    );
  }
}

const idsOf = (signatures: AgreementSignature[]) =>
  signatures
    .map((s) => s.id)
    .sort()
    .join(',');

/**
 * confirm_agreement: the mediator's signature and the centre's electronic seal (PAdES) on the
 * version both parties signed, which puts the agreement in force. Rendering and signing the
 * final PDF is slow work that needs no lock, so it is prepared before the case is locked; the
 * effect, under the lock, checks the prepared file still shows the locked case's version and
 * signatures, and stores it (or, if something changed, renders again itself).
 */
@Injectable()
export class AgreementSealingService {
  constructor(
    private readonly agreements: AgreementRepository,
    private readonly storage: AgreementStorage,
    private readonly keyring: SealKeyring,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Before the lock: the sealed final, if the confirmation looks as if it will go through. */
  async prepare(ctx: PrepareContext<ConfirmInput>): Promise<PreparedSeal | undefined> {
    const { manager, case: c, input, now } = ctx;
    const current = await this.agreements.current(manager, c.id);
    if (!current || current.sealedAt || current.version !== input.version) return undefined;
    if (current.draftSha256 !== input.sha256) return undefined;
    const signatures = await this.partySignatures(manager, current);
    if (!signatures) return undefined;
    return this.seal(c, current, signatures, now);
  }

  async confirm(ctx: ActionContext<ConfirmInput>): Promise<EffectOutcome> {
    const { manager, case: c, input, now, principal, request } = ctx;
    if (principal?.kind !== 'user') throw new Error('an agreement is confirmed by its mediator');
    const current = await currentVersionSigned(this.agreements, manager, c.id, input);
    const signatures = await this.partySignatures(manager, current);
    // The table's guard checked the case's signed parties; the version's rows must agree.
    if (!signatures) throw new Error(`version ${current.version} lacks a party's signature`);
    const mediatorName = c.mediator!.name;
    const prepared =
      ctx.prepared instanceof PreparedSeal && ctx.prepared.fits(current, signatures, mediatorName)
        ? ctx.prepared
        : await this.seal(c, current, signatures, now);

    const sealedSha256 = sha256Hex(prepared.pdf);
    const sealedPdfPath = await this.storage.write(c.id, current.version, 'sealed', prepared.pdf);
    await this.agreements.insertSignature(
      manager,
      Object.assign(new AgreementSignature(), {
        agreementVersionId: current.id,
        party: 'mediator',
        signerName: mediatorName,
        signerCapacity: 'mediator',
        signerTitle: null,
        signerUserId: principal.userId,
        signerApiKeyId: null,
        organizationId: principal.organizationId,
        sha256: input.sha256,
        ip: request.ip,
        userAgent: request.userAgent?.slice(0, 500) ?? null,
        signedAt: prepared.sealedAt,
      }),
    );
    await this.agreements.markSealed(manager, current.id, {
      sealedSha256,
      sealedPdfPath,
      sealedAt: prepared.sealedAt,
      verificationCode: prepared.verificationCode,
      sealCertificateSha256: prepared.certificateSha256,
    });
    return {
      eventData: {
        agreementVersion: current.version,
        sha256: input.sha256,
        sealedSha256,
        signer: { name: mediatorName, capacity: 'mediator', title: null },
        sealedAt: prepared.sealedAt.toISOString(),
        sealCertificateSha256: prepared.certificateSha256,
      },
      mail: {
        ...agreementMail(current, { settled: true, signedBy: null, bothSigned: true }),
        attachments: [sealedAttachment(c, current, sealedPdfPath)],
      },
    };
  }

  /** Both parties' signatures of the version, or null while one is missing. */
  private async partySignatures(
    manager: EntityManager,
    version: AgreementVersion,
  ): Promise<AgreementSignature[] | null> {
    const all = await this.agreements.signatures(manager, version.id);
    const parties = all.filter((s) => s.party !== 'mediator');
    return AGREEMENT_PARTIES.every((p) => parties.some((s) => s.party === p)) ? parties : null;
  }

  /** The final PDF: every signature with the mediator's, the seal, the verification code. */
  private async seal(
    c: CaseRecord,
    version: AgreementVersion,
    signatures: AgreementSignature[],
    at: Date,
  ): Promise<PreparedSeal> {
    const mediatorName = c.mediator!.name;
    const code = newVerificationCode();
    const identity = this.keyring.forCentre(
      { id: c.mediationCenterId, name: c.mediationCenter!.name },
      at,
    );
    const document = documentOf(
      version,
      [
        ...signatures,
        {
          party: 'mediator',
          signerName: mediatorName,
          signerCapacity: 'mediator',
          signerTitle: null,
          signedAt: at,
        },
      ],
      { code, url: verifyUrlFor(this.config.publicBaseUrl, code) },
    );
    const pdf = await renderSealedAgreementPdf(document, { identity, sealedAt: at });
    return new PreparedSeal(
      version.id,
      idsOf(signatures),
      mediatorName,
      at,
      code,
      identity.certificateSha256,
      pdf,
    );
  }
}
