import { Injectable } from '@nestjs/common';
import type { ActionContext, EffectOutcome } from '../cases/case-action.types';
import { debtTotalFen } from '../cases/case.entity';
import { sha256Hex } from '../common/hash';
import type { EffectInput } from '../workflow/effects';
import { agreementMail } from './agreement-mail';
import { renderAgreementPdf } from './agreement-pdf';
import { assertDraftable, documentOf, snapshotOf } from './agreement-snapshot';
import { AgreementStorage } from './agreement-storage';
import { termsFromInput } from './agreement-terms';
import { AgreementVersion } from './agreement-version.entity';
import { AgreementRepository } from './agreement.repository';
import { buildSchedule } from './schedule';

/**
 * draft_agreement and revise_agreement, inside the action's transaction on the locked case:
 * the next version, its draft PDF (watermarked, no verification code) and the PDF's hash.
 */
@Injectable()
export class AgreementDraftingService {
  constructor(
    private readonly agreements: AgreementRepository,
    private readonly storage: AgreementStorage,
  ) {}

  async draft(ctx: ActionContext<EffectInput<'agreement:draft'>>): Promise<EffectOutcome> {
    const { manager, case: c, input, now } = ctx;
    // Only a mediator drafts: the table says so, and the decision came before this effect.
    if (ctx.principal?.kind !== 'user') throw new Error('an agreement is drafted by a person');
    assertDraftable(c);
    const terms = termsFromInput(input, debtTotalFen(c.debtStatement!), now);
    const previous = await this.agreements.current(manager, c.id);
    const version = Object.assign(new AgreementVersion(), {
      caseId: c.id,
      version: (previous?.version ?? 0) + 1,
      settlementFen: terms.settlementFen,
      waivedFen: terms.waivedFen,
      installments: terms.installments,
      firstDueDate: terms.firstDueDate,
      clauses: terms.clauses,
      payment: terms.payment,
      schedule: buildSchedule(terms),
      document: snapshotOf(c),
      // A draft has no code: only the sealed final is something to verify.
      verificationCode: null,
      createdBy: ctx.principal.userId,
      // The PDF's own date: the draft renders to these same bytes again.
      createdAt: now,
      sealedSha256: null,
      sealedPdfPath: null,
      sealedAt: null,
      sealCertificateSha256: null,
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
      mail: agreementMail(version, { settled: false, signedBy: null, bothSigned: false }),
    };
  }
}
