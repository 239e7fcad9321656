import type { Principal } from '../../src/access/principal';
import { caseWarnings } from '../../src/cases/annual-cost';
import { isCentreStaff, seesPersonalData, toDebtStatement } from '../../src/cases/case.mapper';
import type { DebtStatement } from '../../src/cases/case.entity';
import { deadlineFromJson } from '../../src/cases/case-deadline.repository';
import type { ExtensionProposal } from '../../src/cases/case-deadline.types';
import {
  toDeadlineResponse,
  toExtensionProposalResponse,
} from '../../src/cases/case-deadline.view';
import { fenToYuan } from '../../src/common/money';
import { maskIdNumber, maskPhone } from '../../src/users/identity';
import { allowedActions } from '../../src/workflow/engine';
import { TERMINAL_STATUSES } from '../../src/workflow/states';
import type { CaseStatus } from '../../src/workflow/states';
/** The bare handler's CaseResponse from a row of the service's list SQL, field for field. */

export type Row = Record<string, unknown>;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);

/** A row of the list SQL as the service's CaseResponse, field for field. */
export function caseJson(r: Row, p: Principal) {
  const whole = seesPersonalData(p);
  const debt = r.debt_statement as DebtStatement | null;
  const cp = r.counter_proposal as {
    settlementFen: number;
    installments: number;
    waivedFen: number;
    note: string | null;
  } | null;
  const proposal = r.proposal as {
    installments: number;
    requestWaiver: boolean;
    note: string | null;
  };
  const status = r.status as CaseStatus;
  const deadlines = (r.deadlines as Record<string, unknown>[]).map(deadlineFromJson);
  const extension = r.extension_proposal as ExtensionProposal | null;
  return {
    id: r.id,
    caseNumber: r.case_number,
    status: r.status,
    closureReason: r.closure_reason,
    borrower: {
      id: r.borrower_id,
      name: r.borrower_name,
      phone: whole ? r.borrower_phone : maskPhone(r.borrower_phone as string | null),
      idNumber: whole ? r.borrower_id_number : maskIdNumber(r.borrower_id_number as string | null),
    },
    lenderOrganization: { id: r.lender_organization_id, name: r.lender_name },
    mediationCenter: { id: r.mediation_center_id, name: r.center_name },
    mediator: r.mediator_id ? { id: r.mediator_id, name: r.mediator_name } : null,
    loan: {
      contractNumber: r.loan_contract_number,
      principal: fenToYuan(Number(r.loan_principal_fen)),
      outstandingAmount: fenToYuan(Number(r.loan_outstanding_fen)),
      overdueSince: r.loan_overdue_since,
    },
    overdueReason: r.overdue_reason,
    reasonDetail: r.reason_detail,
    proposal: {
      installments: proposal.installments,
      requestWaiver: proposal.requestWaiver,
      note: proposal.note,
    },
    counterProposal: cp
      ? {
          settlementAmount: fenToYuan(cp.settlementFen),
          installments: cp.installments,
          waivedAmount: fenToYuan(cp.waivedFen),
          note: cp.note,
        }
      : null,
    debtStatement: debt ? toDebtStatement(debt) : null,
    serviceAddress: whole
      ? {
          email: r.borrower_email,
          phone: r.borrower_phone,
          postalAddress:
            (r.service_address as { postalAddress?: string } | null)?.postalAddress ?? null,
        }
      : null,
    warnings: isCentreStaff(p)
      ? caseWarnings(
          debt,
          r.loan_overdue_since as string,
          (r.center_ceiling_bp as number | null) ?? null,
        )
      : [],
    preferredMode: r.preferred_mode,
    locale: r.locale,
    lenderResponseDueAt: iso(r.lender_response_due_at),
    mediationDueAt: iso(r.mediation_due_at),
    // The case_deadlines rows come with the row (the service's query aggregates them).
    lenderResponseDue: toDeadlineResponse(deadlines.find((d) => d.kind === 'lender_response')),
    mediationDue: toDeadlineResponse(deadlines.find((d) => d.kind === 'mediation_term')),
    extensionProposal: TERMINAL_STATUSES.includes(status)
      ? null
      : toExtensionProposalResponse(extension),
    termExtended: r.term_extended,
    eligibleForLitigation: r.eligible_for_litigation,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    allowedActions: allowedActions(p.role, {
      status,
      mediationDueAt: r.mediation_due_at as Date | null,
      signedParties: r.signed_parties as string[],
      extensionProposal: extension,
    }),
  };
}
