import { Injectable } from '@nestjs/common';
import { loadAgreementTemplate } from '../agreements/agreement-template';
import type { ActionContext, EffectOutcome } from '../cases/case-action.types';
import type { EffectInput } from '../workflow/effects';
import { PaymentPlan } from './payment-plan.entity';
import { PlanRepository } from './plan.repository';

/**
 * `plan:create`, an effect of confirm_agreement after `agreement:confirm`: the sealed
 * version's schedule becomes the plan's installments, each `due`, in the same transaction
 * that puts the agreement in force, so a settled case always has its plan.
 */
@Injectable()
export class PlanCreationService {
  constructor(private readonly plans: PlanRepository) {}

  async create(ctx: ActionContext<EffectInput<'plan:create'>>): Promise<EffectOutcome> {
    const { manager, case: c, now } = ctx;
    const version = await this.plans.sealedVersion(manager, c.id);
    if (!version) throw new Error(`case ${c.id} settles without a sealed agreement version`);
    // The governing text's clause on acceleration names the grace days; keep them with the plan
    // so that a later template edit does not change a sealed agreement's terms.
    const graceDays = Number(loadAgreementTemplate('zh-CN').variables.graceDays);
    if (!Number.isInteger(graceDays) || graceDays < 0) {
      throw new Error('the agreement template has no whole number of grace days');
    }
    await this.plans.insertPlan(
      manager,
      Object.assign(new PaymentPlan(), {
        caseId: c.id,
        agreementVersionId: version.id,
        settlementFen: version.settlementFen,
        graceDays,
        status: 'active',
        createdAt: now,
        completedAt: null,
      }),
      version.schedule.map((row) => ({
        caseId: c.id,
        seq: row.seq,
        dueDate: row.dueDate,
        amountFen: row.amountFen,
        paidFen: 0,
        waivedFen: 0,
        state: 'due',
        lateAt: null,
      })),
    );
    return { eventData: { plan: { installments: version.schedule.length, graceDays } } };
  }
}
