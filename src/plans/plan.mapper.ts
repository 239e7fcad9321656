import { fenToYuan } from '../common/money';
import type { InstallmentBalance } from './allocation';
import { totalsOf, unpaidFen } from './allocation';
import type { PaymentPlan } from './payment-plan.entity';
import type { PlanPayment } from './plan-payment.entity';
import type { PaymentResponse, PlanResponse } from './plans.dto';

export const toPaymentResponse = (p: PlanPayment, replayed: boolean): PaymentResponse => ({
  id: p.id,
  reference: p.reference,
  amount: fenToYuan(p.amountFen),
  paidOn: p.paidOn,
  allocation: p.allocation.map((a) => ({ seq: a.seq, amount: fenToYuan(a.fen) })),
  recordedAt: p.createdAt.toISOString(),
  replayed,
});

/** The plan as the API shows it on `asOf` (today in Beijing). */
export function toPlanResponse(
  plan: PaymentPlan,
  installments: InstallmentBalance[],
  payments: PlanPayment[],
  asOf: string,
): PlanResponse {
  const t = totalsOf(installments, asOf);
  return {
    caseId: plan.caseId,
    status: plan.status,
    settlement: fenToYuan(plan.settlementFen),
    paid: fenToYuan(t.paidFen),
    waived: fenToYuan(t.waivedFen),
    owed: fenToYuan(t.owedFen),
    remaining: fenToYuan(t.remainingFen),
    graceDays: plan.graceDays,
    completedAt: plan.completedAt?.toISOString() ?? null,
    installments: installments.map((i) => ({
      seq: i.seq,
      dueDate: i.dueDate,
      amount: fenToYuan(i.amountFen),
      paid: fenToYuan(i.paidFen),
      waived: fenToYuan(i.waivedFen),
      unpaid: fenToYuan(unpaidFen(i)),
      state: i.state,
    })),
    payments: payments.map((p) => {
      const { replayed: _replayed, ...shown } = toPaymentResponse(p, false);
      return shown;
    }),
  };
}
