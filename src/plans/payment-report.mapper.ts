import { fenToYuan } from '../common/money';
import { toPaymentResponse } from './plan.mapper';
import type { PaymentReport } from './payment-report.entity';
import type { PaymentReportResponse } from './payment-report.dto';

/** The reference a confirmed report is applied under: one report, one payment. */
export const reportReference = (reportId: string) => `report:${reportId}`;

export function toPaymentReportResponse(r: PaymentReport, replayed = false): PaymentReportResponse {
  let payment: PaymentReportResponse['payment'] = null;
  if (r.payment) {
    const { replayed: _replayed, ...shown } = toPaymentResponse(r.payment, false);
    payment = shown;
  }
  return {
    id: r.id,
    amount: fenToYuan(r.amountFen),
    paidOn: r.paidOn,
    status: r.status,
    reportedAt: r.reportedAt.toISOString(),
    filename: r.filename,
    mimeType: r.mimeType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    disputeReason: r.disputeReason,
    payment,
    replayed,
  };
}
