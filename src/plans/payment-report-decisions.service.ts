import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { CaseRepository } from '../cases/case.repository';
import type { CaseRecord } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { fenToYuan } from '../common/money';
import type { PaymentReport } from './payment-report.entity';
import type { DisputePaymentReportDto, PaymentReportResponse } from './payment-report.dto';
import { PaymentReportEvents } from './payment-report-events';
import { reportReference, toPaymentReportResponse } from './payment-report.mapper';
import { PaymentReportRepository } from './payment-report.repository';
import { PaymentRecorder } from './payment-recorder';

const notFound = () => new AppError('CASE_NOT_FOUND', 'case not found');

/**
 * The lender's answer to a borrower's payment report. Confirming applies it as a payment
 * through the one recording path of the lender's own reports (`PaymentRecorder`), under the
 * reference `report:<id>`, with the case locked: confirmed twice, or by two at once, it is
 * applied once. Disputing applies nothing and keeps the reason. Only the case's lender
 * answers: anyone else is told the case is not found.
 */
@Injectable()
export class PaymentReportDecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly reports: PaymentReportRepository,
    private readonly recorder: PaymentRecorder,
    private readonly events: PaymentReportEvents,
    private readonly clock: Clock,
  ) {}

  async confirm(p: Principal, caseId: string, reportId: string): Promise<PaymentReportResponse> {
    return this.decide(p, caseId, reportId, async (m, c, r, now) => {
      if (r.status === 'confirmed') return { report: r, replayed: true };
      if (r.status === 'disputed') {
        throw new AppError('CONFLICT', 'this payment report was disputed: it cannot be confirmed');
      }
      const amount = fenToYuan(r.amountFen);
      const { payment } = await this.recorder
        .record(
          m,
          p,
          c,
          { amount, paidOn: r.paidOn, reference: reportReference(r.id) },
          'borrower_report',
          now,
        )
        .catch((e: unknown) => {
          // Nothing in the confirmation is the caller's input: a report that no longer fits
          // (paid meanwhile by another report) is a conflict with the plan, to be disputed.
          if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
            const why = (e.details.errors as { message: string }[] | undefined)?.[0]?.message;
            throw new AppError('CONFLICT', `the reported payment no longer fits the plan: ${why}`);
          }
          throw e;
        });
      await this.reports.decide(m, r.id, {
        status: 'confirmed',
        decidedAt: now,
        decidedByUserId: p.userId,
        decidedByApiKeyId: p.apiKeyId,
        disputeReason: null,
        paymentId: payment.id,
      });
      await this.events.record(m, p, c, 'payment_report_confirmed', now, {
        reportId: r.id,
        paymentId: payment.id,
        amount,
        paidOn: r.paidOn,
      });
      return { report: r, replayed: false };
    });
  }

  async dispute(
    p: Principal,
    caseId: string,
    reportId: string,
    dto: DisputePaymentReportDto,
  ): Promise<PaymentReportResponse> {
    return this.decide(p, caseId, reportId, async (m, c, r, now) => {
      if (r.status !== 'reported') {
        throw new AppError('CONFLICT', `this payment report was already ${r.status}`);
      }
      await this.reports.decide(m, r.id, {
        status: 'disputed',
        decidedAt: now,
        decidedByUserId: p.userId,
        decidedByApiKeyId: p.apiKeyId,
        disputeReason: dto.reason,
        paymentId: null,
      });
      await this.events.record(m, p, c, 'payment_report_disputed', now, {
        reportId: r.id,
        amount: fenToYuan(r.amountFen),
        paidOn: r.paidOn,
        reason: dto.reason,
      });
      return { report: r, replayed: false };
    });
  }

  /** The case locked for the lender, the report found on it; the report as it is afterwards. */
  private async decide(
    p: Principal,
    caseId: string,
    reportId: string,
    step: (
      m: EntityManager,
      c: CaseRecord,
      r: PaymentReport,
      now: Date,
    ) => Promise<{ report: PaymentReport; replayed: boolean }>,
  ): Promise<PaymentReportResponse> {
    if (p.role !== 'lender') throw notFound();
    return this.dataSource.transaction(async (m) => {
      const c = await this.cases.lockVisible(m, p, caseId);
      if (!c) throw notFound();
      const found = await this.reports.onCase(m, caseId, reportId);
      if (!found) throw new AppError('NOT_FOUND', 'no such payment report on this case');
      const { replayed } = await step(m, c, found, this.clock.now());
      const after = await this.reports.onCase(m, caseId, reportId);
      return toPaymentReportResponse(after ?? found, replayed);
    });
  }
}
