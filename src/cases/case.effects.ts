import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEffectRegistry } from './case-effect.registry';

/** The effects of the table that only mark the case itself. */
@Injectable()
export class CaseEffects implements OnModuleInit {
  constructor(private readonly effects: CaseEffectRegistry) {}

  onModuleInit(): void {
    this.effects.handle('case:eligible_for_litigation', async () => ({
      changes: { eligibleForLitigation: true },
    }));
  }
}
