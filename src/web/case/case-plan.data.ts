import { Injectable } from '@nestjs/common';
import type { Principal } from '../../access/principal';
import { fenToYuan, yuanToFen } from '../../common/money';
import type { PaymentReportResponse } from '../../plans/payment-report.dto';
import { PaymentReportsService } from '../../plans/payment-reports.service';
import { PlansService } from '../../plans/plans.service';
import { emptyForm } from '../page-forms';
import type { FormState } from '../page-forms';

/** The forms of the plan section: `paymentReport`, `confirm:<reportId>`, `dispute:<reportId>`. */
export const PLAN_FORM = /^(paymentReport|confirm:|dispute:)/;

/**
 * The repayment plan on `/cases/:id`, read through the services of `GET /cases/:id/plan` and
 * `GET /cases/:id/plan/payment-reports` for the same caller: the table of installments, the
 * totals, the borrower's reports with the lender's forms to answer the open ones.
 */
@Injectable()
export class CasePlanData {
  constructor(
    private readonly plans: PlansService,
    private readonly reports: PaymentReportsService,
  ) {}

  async load(
    p: Principal,
    caseId: string,
    failed?: { name: string; form: FormState },
  ): Promise<{ plan: Record<string, unknown> | null }> {
    const plan = await this.plans.find(p, caseId);
    if (!plan) return { plan: null };
    const reports = await this.reports.list(p, caseId);
    const formOf = (name: string) => (failed?.name === name ? failed.form : emptyForm());
    const isLender = p.role === 'lender';
    const hasWaivers = yuanToFen(plan.waived) > 0;
    return {
      plan: {
        ...plan,
        statusKey: `plan.status.${plan.status}${plan.status === 'completed' && hasWaivers ? '_waived' : ''}`,
        // What is still to pay, due or not: the sealed amount less what was paid or waived.
        stillOwed: fenToYuan(yuanToFen(plan.owed) + yuanToFen(plan.remaining)),
        hasWaivers,
        installments: plan.installments.map((i) => ({ ...i, stateKey: `plan.state.${i.state}` })),
        reports: reports.map((r: PaymentReportResponse) => ({
          ...r,
          statusKey: `plan.reportStatus.${r.status}`,
          proofHref: `/cases/${caseId}/plan/payment-reports/${r.id}/proof`,
          canDecide: isLender && r.status === 'reported',
          confirmForm: formOf(`confirm:${r.id}`),
          disputeForm: formOf(`dispute:${r.id}`),
          disputeScope: `dispute-${r.id}`,
        })),
        canReport: p.role === 'borrower' && plan.status === 'active',
        reportForm: formOf('paymentReport'),
      },
    };
  }
}
