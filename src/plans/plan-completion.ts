import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { actorOf } from '../cases/case-action.types';
import type { CaseRecord } from '../cases/case.entity';
import { beijingDate } from '../calendar/calendar-date';
import { fenToYuan } from '../common/money';
import type { InstallmentBalance } from './allocation';
import { outstandingFen, totalsOf } from './allocation';
import type { PaymentPlan } from './payment-plan.entity';
import { PlanRepository } from './plan.repository';
import { PlanTimeline } from './plan-timeline';
import { SettlementCertificateService } from './settlement-certificate.service';

/**
 * The end of a plan, inside the caller's transaction, whatever brought it there (the last fen
 * paid, or the last open installment waived): nothing is left to pay on any installment, so
 * the plan is `completed`, its 结清证明 sealed, and `plan_completed` on the timeline with what
 * was paid and what the lender waived.
 */
@Injectable()
export class PlanCompletion {
  constructor(
    private readonly plans: PlanRepository,
    private readonly timeline: PlanTimeline,
    private readonly certificates: SettlementCertificateService,
  ) {}

  /** Completes the plan when `after` (its installments now) has nothing left to pay. */
  async completeIfDone(
    m: EntityManager,
    p: Principal,
    c: CaseRecord,
    plan: PaymentPlan,
    after: readonly InstallmentBalance[],
    now: Date,
  ): Promise<boolean> {
    if (outstandingFen(after) !== 0) return false;
    const today = beijingDate(now);
    const { paidFen, waivedFen } = totalsOf(after, today);
    await this.plans.completePlan(m, c.id, now);
    const certificateSha256 = await this.certificates.issue(m, c, plan, now);
    await this.timeline.note(m, actorOf(p), c, 'plan_completed', now, {
      paid: fenToYuan(paidFen),
      ...(waivedFen > 0 ? { waived: fenToYuan(waivedFen) } : {}),
      completedOn: today,
      certificateSha256,
    });
    return true;
  }
}
