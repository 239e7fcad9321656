import { ApiProperty } from '@nestjs/swagger';
import type { CaseStatus, ClosureReason } from '../workflow/states';
import { TRANSITIONS } from '../workflow/transitions';
import { CaseDeadlineResponse, ExtensionProposalResponse } from './case-deadline.dto';
import { LOCALES, OVERDUE_REASONS } from './case.entity';
import type { Locale, OverdueReason } from './case.entity';
import { CLOSURE_REASON_ENUM, STATUS_ENUM } from './cases.dto';

/** What the case routes answer: the case, a page of cases, the timeline, the privacy notice. */

/** The actions a caller can take over HTTP (the others are the deadline sweeper's). */
export const CASE_ACTIONS = TRANSITIONS.filter(
  (t) => !(t.actor as readonly string[]).includes('system'),
).map((t) => t.action);
const ACTOR_ROLES = ['borrower', 'clerk', 'mediator', 'lender', 'system'] as const;

class PartyResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

class BorrowerResponse extends PartyResponse {
  @ApiProperty({ description: 'Masked (138****5678) for lenders', nullable: true, type: String })
  phone: string | null;
  @ApiProperty({
    description: 'Masked (110105********1234) for lenders',
    nullable: true,
    type: String,
  })
  idNumber: string | null;
}

class LoanResponse {
  @ApiProperty() contractNumber: string;
  @ApiProperty({ example: '12000.00' }) principal: string;
  @ApiProperty({ example: '9650.40' }) outstandingAmount: string;
  @ApiProperty({ example: '2026-06-15' }) overdueSince: string;
}

class ProposalResponse {
  @ApiProperty() installments: number;
  @ApiProperty() requestWaiver: boolean;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class CounterProposalResponse {
  @ApiProperty({ example: '8000.00' }) settlementAmount: string;
  @ApiProperty() installments: number;
  @ApiProperty({ example: '1650.40' }) waivedAmount: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class DebtStatementResponse {
  @ApiProperty({ example: '2026-11-20' }) asOf: string;
  @ApiProperty({ example: '8000.00' }) principal: string;
  @ApiProperty({ example: '900.00' }) interest: string;
  @ApiProperty({ example: '500.40' }) penaltyInterest: string;
  @ApiProperty({ example: '250.00' }) fees: string;
  @ApiProperty({ example: '9650.40', description: 'The confirmed total' }) total: string;
}

export class ServiceAddressResponse {
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) postalAddress: string | null;
}

export class CaseWarningResponse {
  @ApiProperty({ enum: ['ANNUAL_COST_ABOVE_CEILING'] }) code: string;
  @ApiProperty() message: string;
}

export class CaseResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'MED-2026-000123' }) caseNumber: string;
  @ApiProperty(STATUS_ENUM) status: CaseStatus;
  @ApiProperty(CLOSURE_REASON_ENUM) closureReason: ClosureReason | null;
  @ApiProperty({ type: BorrowerResponse }) borrower: BorrowerResponse;
  @ApiProperty({ type: PartyResponse }) lenderOrganization: PartyResponse;
  @ApiProperty({ type: PartyResponse }) mediationCenter: PartyResponse;
  @ApiProperty({ type: PartyResponse, nullable: true }) mediator: PartyResponse | null;
  @ApiProperty({ type: LoanResponse }) loan: LoanResponse;
  @ApiProperty({ enum: OVERDUE_REASONS, enumName: 'OverdueReason' }) overdueReason: OverdueReason;
  @ApiProperty() reasonDetail: string;
  @ApiProperty({ type: ProposalResponse }) proposal: ProposalResponse;
  @ApiProperty({ type: CounterProposalResponse, nullable: true })
  counterProposal: CounterProposalResponse | null;
  @ApiProperty({
    type: DebtStatementResponse,
    nullable: true,
    description:
      'The lender’s confirmed figures (lender_accept), beside the borrower’s own `loan.outstandingAmount`',
  })
  debtStatement: DebtStatementResponse | null;
  @ApiProperty({
    type: ServiceAddressResponse,
    nullable: true,
    description:
      'Where the borrower is served documents; to the borrower and the centre’s staff only',
  })
  serviceAddress: ServiceAddressResponse | null;
  @ApiProperty({
    type: [CaseWarningResponse],
    description: 'For the centre’s staff: e.g. the confirmed debt’s annual cost above the ceiling',
  })
  warnings: CaseWarningResponse[];
  @ApiProperty({ enum: ['online', 'offline'] }) preferredMode: 'online' | 'offline';
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) locale: Locale;
  @ApiProperty({ nullable: true, type: String, description: '`lenderResponseDue.at`, in UTC' })
  lenderResponseDueAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: '`mediationDue.at`, in UTC' })
  mediationDueAt: string | null;
  @ApiProperty({ type: CaseDeadlineResponse, nullable: true, description: 'From acceptance on' })
  lenderResponseDue: CaseDeadlineResponse | null;
  @ApiProperty({ type: CaseDeadlineResponse, nullable: true, description: 'From acceptance on' })
  mediationDue: CaseDeadlineResponse | null;
  @ApiProperty({ type: ExtensionProposalResponse, nullable: true })
  extensionProposal: ExtensionProposalResponse | null;
  @ApiProperty({ description: 'The term was extended by both parties’ consent' })
  termExtended: boolean;
  @ApiProperty({ description: 'Closed without agreement: the parties may go to court' })
  eligibleForLitigation: boolean;
  @ApiProperty({ description: 'Send as If-Match to act only on this version' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({
    enum: CASE_ACTIONS,
    enumName: 'CaseAction',
    isArray: true,
    description: 'The actions the caller may take now',
  })
  allowedActions: string[];
}

export class CaseListResponse {
  @ApiProperty({ type: [CaseResponse] }) items: CaseResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CaseEventActor {
  @ApiProperty({ enum: ACTOR_ROLES, description: '`system` for the deadline sweeper' })
  role: string;
  @ApiProperty({ nullable: true, type: String, description: 'The person who acted' })
  userId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The lender’s API key that acted' })
  apiKeyId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The organisation acted for' })
  organizationId: string | null;
}

/**
 * One event of the timeline. The document types it per action (src/openapi: `from`, `to`
 * and `input` of that action), by `action`; this class is its common shape.
 */
export class CaseEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty({ type: CaseEventActor }) actor: CaseEventActor;
  @ApiProperty({ description: 'The action’s input as validated, and facts its effects added' })
  input: Record<string, unknown>;
  @ApiProperty() at: string;
}

export class PrivacyControllerResponse {
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty({ description: 'Contact for personal-data matters' }) contactEmail: string;
}

export class PrivacyNoticeVersionResponse {
  @ApiProperty({ example: '2026-12-01' }) version: string;
  @ApiProperty() changes: string;
}

export class PrivacyNoticeResponse {
  @ApiProperty({ example: '2026-12-01' }) version: string;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) locale: Locale;
  @ApiProperty() text: string;
  @ApiProperty({ type: PrivacyControllerResponse }) controller: PrivacyControllerResponse;
  @ApiProperty({ type: [PrivacyNoticeVersionResponse], description: 'Newest first' })
  history: PrivacyNoticeVersionResponse[];
}
