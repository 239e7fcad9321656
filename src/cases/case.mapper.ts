import type { Principal } from '../access/principal';
import { fenToYuan } from '../common/money';
import { maskIdNumber, maskPhone } from '../users/identity';
import { allowedActions } from '../workflow/engine';
import { TERMINAL_STATUSES } from '../workflow/states';
import {
  caseDeadline,
  toDeadlineResponse,
  toExtensionProposalResponse,
} from './case-deadline.view';
import { caseWarnings } from './annual-cost';
import { debtTotalFen } from './case.entity';
import type { CaseRecord, DebtStatement } from './case.entity';
import type { CaseResponse } from './case-response.dto';

/** Personal data whole only for the borrower themself and mediation-centre staff. */
export const seesPersonalData = (p: Principal) =>
  p.role === 'borrower' || p.role === 'clerk' || p.role === 'mediator';

export const isCentreStaff = (p: Principal) => p.role === 'clerk' || p.role === 'mediator';

export const toDebtStatement = (d: DebtStatement) => ({
  asOf: d.asOf,
  principal: fenToYuan(d.principalFen),
  interest: fenToYuan(d.interestFen),
  penaltyInterest: fenToYuan(d.penaltyInterestFen),
  fees: fenToYuan(d.feesFen),
  total: fenToYuan(debtTotalFen(d)),
});

export function toCaseResponse(c: CaseRecord, p: Principal): CaseResponse {
  const whole = seesPersonalData(p);
  const borrower = c.borrower!;
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    status: c.status,
    closureReason: c.closureReason,
    borrower: {
      id: borrower.id,
      name: c.borrowerName,
      phone: whole ? borrower.phone : maskPhone(borrower.phone),
      idNumber: whole ? borrower.idNumber : maskIdNumber(borrower.idNumber),
    },
    lenderOrganization: { id: c.lenderOrganizationId, name: c.lenderOrganization!.name },
    mediationCenter: { id: c.mediationCenterId, name: c.mediationCenter!.name },
    mediator: c.mediator ? { id: c.mediator.id, name: c.mediator.name } : null,
    loan: {
      contractNumber: c.loanContractNumber,
      principal: fenToYuan(c.loanPrincipalFen),
      outstandingAmount: fenToYuan(c.loanOutstandingFen),
      overdueSince: c.loanOverdueSince,
    },
    overdueReason: c.overdueReason,
    reasonDetail: c.reasonDetail,
    proposal: {
      installments: c.proposal.installments,
      requestWaiver: c.proposal.requestWaiver,
      note: c.proposal.note,
    },
    counterProposal: c.counterProposal
      ? {
          settlementAmount: fenToYuan(c.counterProposal.settlementFen),
          installments: c.counterProposal.installments,
          waivedAmount: fenToYuan(c.counterProposal.waivedFen),
          note: c.counterProposal.note,
        }
      : null,
    debtStatement: c.debtStatement ? toDebtStatement(c.debtStatement) : null,
    serviceAddress: whole
      ? {
          email: borrower.email,
          phone: borrower.phone,
          postalAddress: c.serviceAddress?.postalAddress ?? null,
        }
      : null,
    warnings: isCentreStaff(p)
      ? caseWarnings(
          c.debtStatement,
          c.loanOverdueSince,
          c.mediationCenter?.annualCostCeilingBp ?? null,
        )
      : [],
    preferredMode: c.preferredMode,
    locale: c.locale,
    lenderResponseDueAt: c.lenderResponseDueAt?.toISOString() ?? null,
    mediationDueAt: c.mediationDueAt?.toISOString() ?? null,
    lenderResponseDue: toDeadlineResponse(caseDeadline(c, 'lender_response')),
    mediationDue: toDeadlineResponse(caseDeadline(c, 'mediation_term')),
    // An open proposal of a closed case lapsed with it.
    extensionProposal: TERMINAL_STATUSES.includes(c.status)
      ? null
      : toExtensionProposalResponse(c.extensionProposal),
    termExtended: c.termExtended,
    eligibleForLitigation: c.eligibleForLitigation,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    allowedActions: allowedActions(p.role, c),
  };
}
