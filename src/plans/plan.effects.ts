import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { PlanCreationService } from './plan-creation.service';

/** Claims `plan:create` of confirm_agreement's row: the settled case's repayment plan. */
@Injectable()
export class PlanEffects implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffectRegistry,
    private readonly creation: PlanCreationService,
  ) {}

  onModuleInit(): void {
    this.effects.handle('plan:create', (ctx) => this.creation.create(ctx));
  }
}
