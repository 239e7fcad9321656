import { Injectable, OnModuleInit } from '@nestjs/common';
import { fenToYuan } from '../common/money';
import { MailExtensionInput, MailExtensions } from '../notifications/mail-extensions';
import { WorkflowService } from '../workflow/workflow.service';
import { AgreementSigningService } from './agreement-signing.service';
import type { AgreementParty } from './agreement-signature.entity';
import { AgreementStorage } from './agreement-storage';
import { AgreementRepository } from './agreement.repository';

const AGREEMENT_ACTIONS = ['draft_agreement', 'revise_agreement', 'sign_agreement'];

/** Claims the agreement effects of the transition table and adds the agreement to their mail. */
@Injectable()
export class AgreementEffects implements OnModuleInit {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly signing: AgreementSigningService,
    private readonly mail: MailExtensions,
    private readonly agreements: AgreementRepository,
    private readonly storage: AgreementStorage,
  ) {}

  onModuleInit(): void {
    this.workflow.handleEffect('agreement:draft', (ctx) => this.signing.draft(ctx));
    this.workflow.handleEffect('agreement:sign', (ctx) => this.signing.sign(ctx));
    this.mail.register(AGREEMENT_ACTIONS, (input) => this.mailExtension(input));
  }

  /** The version in question and, once both parties signed, the sealed PDF as an attachment. */
  private async mailExtension({ manager, case: c, action, eventData }: MailExtensionInput) {
    const number = Number(eventData.agreementVersion);
    const version = Number.isInteger(number)
      ? await this.agreements.byVersion(manager, c.id, number)
      : await this.agreements.current(manager, c.id);
    if (!version) return null;
    const settled = eventData.settled === true && version.sealedAt !== null;
    return {
      context: {
        agreement: {
          version: version.version,
          settled,
          signedBy:
            action === 'sign_agreement' ? ((eventData.party as AgreementParty) ?? null) : null,
        },
        amounts: {
          outstanding: fenToYuan(c.loanOutstandingFen),
          settlement: fenToYuan(version.settlementFen),
          waived: fenToYuan(version.waivedFen),
        },
      },
      attachments: settled
        ? [
            {
              filename: `${c.caseNumber}-agreement-v${version.version}.pdf`,
              contentType: 'application/pdf',
              contentBase64: (
                await this.storage.read(version.sealedPdfPath!, version.sealedSha256!)
              ).toString('base64'),
            },
          ]
        : [],
    };
  }
}
