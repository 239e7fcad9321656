import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PaymentReport } from './payment-report.entity';

/** The SQL of the borrower's payment reports. */
@Injectable()
export class PaymentReportRepository {
  insert(manager: EntityManager, report: Omit<PaymentReport, 'id'> & { id: string }) {
    return manager.save(PaymentReport, manager.create(PaymentReport, report));
  }

  /** Oldest first, each with the payment it became. */
  forCase(manager: EntityManager, caseId: string): Promise<PaymentReport[]> {
    return manager.find(PaymentReport, {
      where: { caseId },
      relations: { payment: true },
      order: { reportedAt: 'ASC', id: 'ASC' },
    });
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
