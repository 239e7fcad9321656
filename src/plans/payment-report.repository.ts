import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EntityRead } from '../common/entity-read';
import { caseKeyed } from '../common/entity-prefetch';
import { PaymentReport } from './payment-report.entity';
import { PlanPayment } from './plan-payment.entity';

const REPORTS = caseKeyed(
  new EntityRead(PaymentReport, 'WHERE case_id = $1 ORDER BY reported_at ASC, id ASC'),
);
const PAYMENTS_BY_ID = new EntityRead(PlanPayment, 'WHERE id = ANY($1::uuid[])');

/** The SQL of the borrower's payment reports. */
@Injectable()
export class PaymentReportRepository {
  insert(manager: EntityManager, report: Omit<PaymentReport, 'id'> & { id: string }) {
    return manager.save(PaymentReport, manager.create(PaymentReport, report));
  }

  /**
   * Oldest first, each with the payment it became: read on every view of a settled case's page,
   * so as two named reads of whole rows (the payments only when a report was confirmed), as
   * `find` with the relation would answer them.
   */
  async forCase(manager: EntityManager, caseId: string): Promise<PaymentReport[]> {
    const reports = await REPORTS.many(manager, [caseId]);
    const ids = reports.flatMap((r) => (r.paymentId ? [r.paymentId] : []));
    const payments = ids.length ? await PAYMENTS_BY_ID.many(manager, [ids]) : [];
    const byId = new Map(payments.map((x) => [x.id, x]));
    for (const r of reports) r.payment = (r.paymentId && byId.get(r.paymentId)) || null;
    return reports;
  }

  onCase(manager: EntityManager, caseId: string, id: string): Promise<PaymentReport | null> {
    return manager.findOne(PaymentReport, { where: { caseId, id }, relations: { payment: true } });
  }

  async decide(
    manager: EntityManager,
    id: string,
    values: Pick<
      PaymentReport,
      'status' | 'decidedAt' | 'decidedByUserId' | 'decidedByApiKeyId' | 'disputeReason'
    > & { paymentId: string | null },
  ): Promise<void> {
    await manager.update(PaymentReport, { id }, values);
  }
}
