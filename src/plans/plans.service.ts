import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { beijingDate } from '../calendar/calendar-date';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { toPaymentResponse, toPlanResponse } from './plan.mapper';
import { PlanRepository } from './plan.repository';
import type { PaymentResponse, PlanResponse, RecordPaymentDto } from './plans.dto';
import { PaymentRecorder } from './payment-recorder';
import { SettlementCertificateService } from './settlement-certificate.service';
import type { CertificateCheck } from './settlement-certificate.service';

/** The plan of a settled case as its parties see it, and the lender's payments to it. */
@Injectable()
export class PlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly plans: PlanRepository,
    private readonly recorder: PaymentRecorder,
    private readonly clock: Clock,
    private readonly certificates: SettlementCertificateService,
  ) {}

  async plan(p: Principal, caseId: string): Promise<PlanResponse> {
    const plan = await this.find(p, caseId);
    if (!plan)
      throw new AppError('NOT_FOUND', 'this case has no repayment plan: it is not settled');
    return plan;
  }

  /**
   * The plan, or null while the case is not settled (a case page asks on every status). A plan
   * is made in the transaction that settles the case, and settled is final, so another status
   * has none and is not asked for one.
   */
  async find(p: Principal, caseId: string): Promise<PlanResponse | null> {
    const m = this.dataSource.manager;
    const c = await this.cases.findVisible(m, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'case not found');
    if (c.status !== 'settled') return null;
    const plan = await this.plans.plan(m, caseId);
    if (!plan) return null;
    const [installments, payments] = await Promise.all([
      this.plans.installments(m, caseId),
      this.plans.payments(m, caseId),
    ]);
    return toPlanResponse(plan, installments, payments, beijingDate(this.clock.now()));
  }

  /** `POST /cases/:id/payments`: the case locked, so that two reports of one reference apply once. */
  async recordPayment(
    p: Principal,
    caseId: string,
    dto: RecordPaymentDto,
  ): Promise<PaymentResponse> {
    if (p.role !== 'lender') throw new AppError('FORBIDDEN', 'payments are reported by the lender');
    const { payment, replayed } = await this.dataSource.transaction(async (m) => {
      const c = await this.cases.lockVisible(m, p, caseId);
      if (!c) throw new AppError('CASE_NOT_FOUND', 'case not found');
      return this.recorder.record(m, p, c, dto, 'lender', this.clock.now());
    });
    return toPaymentResponse(payment, replayed);
  }

  /** The 结清证明 of a completed plan, for the case's parties. */
  async certificate(p: Principal, caseId: string): Promise<{ bytes: Buffer; filename: string }> {
    const m = this.dataSource.manager;
    const c = await this.cases.findVisible(m, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'case not found');
    const plan = await this.plans.plan(m, caseId);
    const bytes = plan ? await this.certificates.read(plan) : null;
    if (!bytes) throw new AppError('NOT_FOUND', 'the plan is not completed: no certificate yet');
    return { bytes, filename: `settlement-certificate-${c.caseNumber}.pdf` };
  }

  /** Public: whether these exact bytes are a 结清证明 of this service, and its seal's check. */
  async verifyCertificate(bytes: Buffer): Promise<CertificateCheck> {
    const found = await this.certificates.check(this.dataSource.manager, bytes);
    if (!found)
      throw new AppError('NOT_FOUND', 'this file is not a settlement certificate of this service');
    return found;
  }
}
