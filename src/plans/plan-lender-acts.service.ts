import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { actorOf } from '../cases/case-action.types';
import type { CaseRecord } from '../cases/case.entity';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { fenToYuan, yuanToFen } from '../common/money';
import { applyWaiver, outstandingFen, unpaidFen, waiverRefusal } from './allocation';
import type { PaymentPlan } from './payment-plan.entity';
import { PlanCompletion } from './plan-completion';
import { PlanLifeRepository } from './plan-life.repository';
import type {
  AccelerationResponse,
  CompletionConfirmationResponse,
  InvokeAccelerationDto,
  WaiveInstallmentDto,
  WaiverResponse,
} from './plan-lender-acts.dto';
import { PlanRepository } from './plan.repository';
import { PlanTimeline } from './plan-timeline';

/**
 * What only the lender may do with the plan, each recorded on the case's timeline: invoke the
 * acceleration clause (available only once an installment is late; the service never invokes
 * it by itself and changes no figure: what follows is for the parties and, if need be, a court),
 * waive what is left unpaid on an installment (which may complete the plan), and confirm that a
 * completed plan was paid.
 */
@Injectable()
export class PlanLenderActs {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly plans: PlanRepository,
    private readonly life: PlanLifeRepository,
    private readonly timeline: PlanTimeline,
    private readonly completion: PlanCompletion,
    private readonly clock: Clock,
  ) {}

  async accelerate(
    p: Principal,
    caseId: string,
    dto: InvokeAccelerationDto,
  ): Promise<AccelerationResponse> {
    return this.asLender(p, caseId, async (m, c, plan) => {
      if (plan.status !== 'active') throw new AppError('CONFLICT', 'the plan is completed');
      const installments = await this.plans.installments(m, caseId);
      const late = installments.filter((i) => i.state === 'late').map((i) => i.seq);
      if (late.length === 0) {
        throw new AppError(
          'CONFLICT',
          `the acceleration clause is available only once an installment is more than ${plan.graceDays} days late`,
        );
      }
      const seen = await this.life.lastEvent(m, caseId, 'acceleration_invoked');
      if (seen) {
        throw new AppError(
          'CONFLICT',
          `acceleration was already invoked at ${seen.createdAt.toISOString()}`,
        );
      }
      const now = this.clock.now();
      const outstanding = fenToYuan(outstandingFen(installments));
      await this.timeline.note(m, actorOf(p), c, 'acceleration_invoked', now, {
        lateInstallments: late.join(','),
        outstanding,
        ...(dto.note ? { note: dto.note } : {}),
      });
      return { invokedAt: now.toISOString(), lateInstallments: late, outstanding };
    });
  }

  /**
   * Releases what is unpaid on installment `seq`: it becomes `waived` (what was paid on it
   * stays paid), `installment_waived` goes on the timeline (the borrower and the mediator are
   * told, the lender's webhook `installment.waived`), and when nothing is left on the plan it
   * completes as with a last payment. A paid or already waived installment is refused (409).
   */
  async waive(
    p: Principal,
    caseId: string,
    seq: number,
    dto: WaiveInstallmentDto,
  ): Promise<WaiverResponse> {
    return this.asLender(p, caseId, async (m, c, plan) => {
      if (plan.status !== 'active') {
        throw new AppError('CONFLICT', 'the plan is completed: nothing is left to waive');
      }
      const installments = await this.plans.installments(m, caseId);
      const target = installments.find((i) => i.seq === seq);
      if (!target) {
        throw new AppError(
          'NOT_FOUND',
          `the plan has no installment ${seq}: it has ${installments.length}`,
        );
      }
      const refused = waiverRefusal(target);
      if (refused) throw new AppError('CONFLICT', refused);
      const waivedFen = unpaidFen(target);
      if (dto.amount !== undefined && yuanToFen(dto.amount) !== waivedFen) {
        throw AppError.validation([
          {
            field: 'amount',
            message: `must be what is unpaid on installment ${seq} now (${fenToYuan(waivedFen)})`,
          },
        ]);
      }
      const after = applyWaiver(installments, seq);
      await this.plans.updateInstallment(m, target.id, { waivedFen, state: 'waived' });
      const now = this.clock.now();
      const leftToPay = fenToYuan(outstandingFen(after));
      const result = {
        seq,
        dueDate: target.dueDate,
        waived: fenToYuan(waivedFen),
        paid: fenToYuan(target.paidFen),
      };
      await this.timeline.note(m, actorOf(p), c, 'installment_waived', now, {
        ...result,
        reason: dto.reason,
        leftToPay,
      });
      const completed = await this.completion.completeIfDone(m, p, c, plan, after, now);
      return {
        ...result,
        waivedAt: now.toISOString(),
        leftToPay,
        planStatus: completed ? 'completed' : 'active',
      };
    });
  }

  async confirmCompletion(p: Principal, caseId: string): Promise<CompletionConfirmationResponse> {
    return this.asLender(p, caseId, async (m, c, plan) => {
      if (plan.status !== 'completed' || !plan.completedAt) {
        throw new AppError('CONFLICT', 'the plan is not completed: something is left to pay');
      }
      const seen = await this.life.lastEvent(m, caseId, 'plan_completion_confirmed');
      if (seen) {
        throw new AppError(
          'CONFLICT',
          `completion was already confirmed at ${seen.createdAt.toISOString()}`,
        );
      }
      const now = this.clock.now();
      const installments = await this.plans.installments(m, caseId);
      const paid = fenToYuan(installments.reduce((sum, i) => sum + i.paidFen, 0));
      await this.timeline.note(m, actorOf(p), c, 'plan_completion_confirmed', now, { paid });
      return {
        confirmedAt: now.toISOString(),
        completedAt: plan.completedAt.toISOString(),
        paid,
      };
    });
  }

  /** The case locked (as a payment locks it), the caller its lender, the plan there. */
  private asLender<T>(
    p: Principal,
    caseId: string,
    work: (m: EntityManager, c: CaseRecord, plan: PaymentPlan) => Promise<T>,
  ): Promise<T> {
    if (p.role !== 'lender') throw new AppError('FORBIDDEN', 'only the lender may do this');
    return this.dataSource.transaction(async (m) => {
      const c = await this.cases.lockVisible(m, p, caseId);
      if (!c) throw new AppError('CASE_NOT_FOUND', 'case not found');
      const plan = await this.plans.plan(m, caseId);
      if (!plan) {
        throw new AppError('CONFLICT', 'this case has no repayment plan: it is not settled');
      }
      return work(m, c, plan);
    });
  }
}
