import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { PlanCreationService } from './plan-creation.service';
import { PlanRepository } from './plan.repository';
import { PlanSchedule } from './plan-schedule';

/**
 * Claims `plan:create` of confirm_agreement's row: the settled case's repayment plan, and the
 * durable jobs of its installments.
 */
@Injectable()
export class PlanEffects implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffectRegistry,
    private readonly creation: PlanCreationService,
    private readonly plans: PlanRepository,
    private readonly schedule: PlanSchedule,
  ) {}

  onModuleInit(): void {
    this.effects.handle('plan:create', async (ctx) => {
      const outcome = await this.creation.create(ctx);
      // Each installment's reminder and lateness check, queued with the plan itself.
      const plan = await this.plans.plan(ctx.manager, ctx.case.id);
      const installments = await this.plans.installments(ctx.manager, ctx.case.id);
      if (!plan) throw new Error(`plan:create made no plan for case ${ctx.case.id}`);
      await this.schedule.plan(ctx.manager, installments, plan.graceDays);
      return outcome;
    });
  }
}
