import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { AgreementSigningService } from './agreement-signing.service';

/** Claims the agreement effects of the transition table: drafting a version, and signing it. */
@Injectable()
export class AgreementEffects implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffectRegistry,
    private readonly signing: AgreementSigningService,
  ) {}

  onModuleInit(): void {
    this.effects.handle('agreement:draft', (ctx) => this.signing.draft(ctx));
    this.effects.handle('agreement:sign', (ctx) => this.signing.sign(ctx));
  }
}
