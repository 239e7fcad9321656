import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../cases/case-action.types';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { fenToYuan } from '../common/money';
import { JobsService } from '../jobs/jobs.service';
import { PlanLifeRepository } from './plan-life.repository';
import { PlanRepository } from './plan.repository';
import { lateInstant, PLAN_LATE_TASK, PlanSchedule } from './plan-schedule';
import { PlanTimeline } from './plan-timeline';

/**
 * Marks an installment `late` once it is unpaid more than the agreement's grace days after its
 * due date (Beijing days), from its durable job: the `installment_late` event on the timeline
 * tells the borrower, the lender and the mediator, and the lender's webhooks. Idempotent: an
 * installment paid, or already marked, is left alone. The case is locked first, as a payment
 * locks it, so a payment and the marking do not cross.
 */
@Injectable()
export class PlanLateness implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly life: PlanLifeRepository,
    private readonly plans: PlanRepository,
    private readonly cases: CaseRepository,
    private readonly timeline: PlanTimeline,
    private readonly schedule: PlanSchedule,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(PLAN_LATE_TASK, async (payload) => {
      await this.mark(payload);
    });
  }

  /** Returns whether the installment was marked late now. */
  async mark(payload: Record<string, unknown>): Promise<boolean> {
    const { installmentId } = payload;
    if (typeof installmentId !== 'string') return false;
    return this.dataSource.transaction(async (m) => {
      const found = await this.life.installment(m, installmentId);
      if (!found) return false;
      const c = await this.cases.lockById(m, found.caseId);
      const i = await this.life.lockInstallment(m, installmentId);
      const plan = await this.plans.plan(m, found.caseId);
      if (!c || !i || !plan || plan.status !== 'active') return false;
      if (i.state === 'paid' || i.state === 'waived' || i.state === 'late') return false;
      const now = this.clock.now();
      const at = lateInstant(i.dueDate, plan.graceDays);
      if (now < at) {
        await this.schedule.lateCheck(m, i.id, at);
        return false;
      }
      await this.life.markLate(m, i.id, now);
      await this.timeline.note(m, SYSTEM_ACTOR, c, 'installment_late', now, {
        seq: i.seq,
        dueDate: i.dueDate,
        amount: fenToYuan(i.amountFen),
        unpaid: fenToYuan(i.amountFen - i.paidFen),
        graceDays: plan.graceDays,
      });
      return true;
    });
  }
}
