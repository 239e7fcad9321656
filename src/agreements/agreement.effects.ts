import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { AgreementDraftingService } from './agreement-drafting.service';
import { AgreementSealingService } from './agreement-sealing.service';
import { AgreementSigningService } from './agreement-signing.service';

/**
 * Claims the agreement effects of the transition table: drafting a version, a party signing
 * it, the mediator confirming it with the centre's seal (prepared before the case's lock).
 */
@Injectable()
export class AgreementEffects implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffectRegistry,
    private readonly drafting: AgreementDraftingService,
    private readonly signing: AgreementSigningService,
    private readonly sealing: AgreementSealingService,
  ) {}

  onModuleInit(): void {
    this.effects.handle('agreement:draft', (ctx) => this.drafting.draft(ctx));
    this.effects.handle('agreement:sign', (ctx) => this.signing.sign(ctx));
    this.effects.prepare('agreement:confirm', (ctx) => this.sealing.prepare(ctx));
    this.effects.handle('agreement:confirm', (ctx) => this.sealing.confirm(ctx));
  }
}
