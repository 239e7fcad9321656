import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { actorOf } from '../cases/case-action.types';
import type { CaseRecord } from '../cases/case.entity';
import { beijingDate } from '../calendar/calendar-date';
import { AppError } from '../common/errors/app-error';
import { fenToYuan, yuanToFen } from '../common/money';
import { allocate, applyAllocation, outstandingFen } from './allocation';
import { PlanCompletion } from './plan-completion';
import type { PaymentSource, PlanPayment } from './plan-payment.entity';
import { PlanRepository } from './plan.repository';
import { PlanTimeline } from './plan-timeline';

export interface PaymentReport {
  amount: string;
  paidOn: string;
  reference: string;
}

export interface RecordedPayment {
  payment: PlanPayment;
  replayed: boolean;
}

/**
 * Applies one reported payment to a locked settled case, inside the caller's transaction:
 * the shares (clause 5's order), the installments' new states, the payment row, and the
 * timeline events `payment_recorded` (and `plan_completed` when nothing is left). A reference
 * seen before with the same amount and day applies nothing and answers the first payment.
 */
@Injectable()
export class PaymentRecorder {
  constructor(
    private readonly plans: PlanRepository,
    private readonly timeline: PlanTimeline,
    private readonly completion: PlanCompletion,
  ) {}

  async record(
    m: EntityManager,
    p: Principal,
    c: CaseRecord,
    report: PaymentReport,
    source: PaymentSource,
    now: Date,
  ): Promise<RecordedPayment> {
    const plan = await this.plans.plan(m, c.id);
    if (!plan) {
      throw new AppError('CONFLICT', 'this case has no repayment plan: it is not settled');
    }
    const amountFen = yuanToFen(report.amount);
    const seen = await this.plans.paymentByReference(m, c.id, report.reference);
    if (seen) {
      if (seen.amountFen === amountFen && seen.paidOn === report.paidOn) {
        return { payment: seen, replayed: true };
      }
      throw new AppError(
        'CONFLICT',
        `the reference ${report.reference} was already reported for ${fenToYuan(seen.amountFen)} paid on ${seen.paidOn}`,
        { errors: [{ field: 'reference', message: 'already used for a different payment' }] },
      );
    }
    const today = beijingDate(now);
    if (report.paidOn > today) {
      throw AppError.validation([
        { field: 'paidOn', message: `must not be in the future (today is ${today})` },
      ]);
    }
    const installments = await this.plans.installments(m, c.id);
    const left = outstandingFen(installments);
    if (amountFen < 1 || amountFen > left) {
      throw AppError.validation([
        {
          field: 'amount',
          message:
            left === 0
              ? 'nothing is left to pay on this plan'
              : `must be from 0.01 to what is left to pay (${fenToYuan(left)})`,
        },
      ]);
    }
    const allocation = allocate(installments, amountFen, report.paidOn);
    const after = applyAllocation(installments, allocation);
    for (const [k, i] of after.entries()) {
      const before = installments[k];
      if (i.paidFen !== before.paidFen || i.state !== before.state) {
        await this.plans.updateInstallment(m, before.id, { paidFen: i.paidFen, state: i.state });
      }
    }
    const payment = await this.plans.insertPayment(m, {
      caseId: c.id,
      reference: report.reference,
      amountFen,
      paidOn: report.paidOn,
      source,
      allocation,
      recordedByUserId: p.userId,
      recordedByApiKeyId: p.apiKeyId,
      createdAt: now,
    });
    const remainingFen = left - amountFen;
    await this.note(m, p, c, 'payment_recorded', now, {
      paymentId: payment.id,
      reference: report.reference,
      amount: report.amount,
      paidOn: report.paidOn,
      source,
      allocation: allocation.map((a) => ({ seq: a.seq, amount: fenToYuan(a.fen) })),
      leftToPay: fenToYuan(remainingFen),
    });
    await this.completion.completeIfDone(m, p, c, plan, after, now);
    return { payment, replayed: false };
  }

  /** A plan event on the timeline, with its announcements (src/plans/plan-timeline.ts). */
  private note(
    m: EntityManager,
    p: Principal,
    c: CaseRecord,
    action: string,
    at: Date,
    input: Record<string, unknown>,
  ) {
    return this.timeline.note(m, actorOf(p), c, action, at, input);
  }
}
