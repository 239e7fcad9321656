import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsDateString,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsYuan } from '../common/money';
import { PageQuery } from '../common/pagination';
import { CASE_STATUSES, CLOSURE_REASONS } from '../workflow/states';
import type { CaseStatus, ClosureReason } from '../workflow/states';
import { TRANSITIONS } from '../workflow/transitions';
import { CASE_LIST_ORDERS } from './case-list.query';
import type { CaseListOrder } from './case-list.query';
import { CaseDeadlineResponse, ExtensionProposalResponse } from './case-deadline.dto';
import { LOCALES, OVERDUE_REASONS } from './case.entity';
import type { Locale, OverdueReason } from './case.entity';
import { MultiLine } from '../common/input/text.decorators';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Named enums of the OpenAPI document: each one schema, referred to wherever it is used. */
export const STATUS_ENUM = { enum: CASE_STATUSES, enumName: 'CaseStatus' } as const;
export const CLOSURE_REASON_ENUM = {
  enum: [...CLOSURE_REASONS, null],
  nullable: true,
  type: String,
  description: 'Why a case ended `unsuccessful`; null otherwise',
} as const;
/** The actions a caller can take over HTTP (the others are the deadline sweeper's). */
export const CASE_ACTIONS = TRANSITIONS.filter(
  (t) => !(t.actor as readonly string[]).includes('system'),
).map((t) => t.action);
const ACTOR_ROLES = ['borrower', 'clerk', 'mediator', 'lender', 'system'] as const;

export class LoanDto {
  @ApiProperty({ example: 'HFQ-2025-00012345', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  contractNumber: string;

  @ApiProperty({ example: '12000.00' })
  @IsYuan()
  principal: string;

  @ApiProperty({ example: '9650.40' })
  @IsYuan()
  outstandingAmount: string;

  @ApiProperty({ example: '2026-06-15' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'must be a real calendar date' })
  overdueSince: string;
}

export class ProposalDto {
  @ApiProperty({ minimum: 1, maximum: 60, example: 12 })
  @IsInt()
  @Min(1)
  @Max(60)
  installments: number;

  @ApiProperty()
  @IsBoolean()
  requestWaiver: boolean;

  @ApiPropertyOptional({ maxLength: 2000, example: '希望减免罚息' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  @MultiLine()
  note?: string;
}

export class ConsentsDto {
  @ApiProperty({ example: '2026-12-01', description: 'The version of GET /privacy-notice read' })
  @IsString()
  @Length(1, 20)
  privacyNoticeVersion: string;

  @ApiProperty({
    description:
      'Consent to mediate online (在线调解), a free choice: declined, every session is held in person',
  })
  @IsBoolean()
  onlineMediation: boolean;

  @ApiProperty({
    description:
      'Consent to electronic service (电子送达), a free choice: declined, notices are posted to serviceAddress.postalAddress and mails are courtesy copies only',
  })
  @IsBoolean()
  electronicService: boolean;

  @ApiProperty({
    description: 'Separate consent to share personal data with the named lender',
    enum: [true],
  })
  @Equals(true, { message: 'must be true: the lender needs your data to answer' })
  shareWithLender: boolean;
}

export class ServiceAddressDto {
  @ApiPropertyOptional({
    example: '上海市浦东新区张杨路 500 号 1201 室',
    maxLength: 300,
    description: 'A postal address where documents may also be served (送达地址)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  postalAddress?: string;
}

export class FileCaseDto {
  @ApiProperty({ description: 'The lender organization (GET /organizations?type=lender)' })
  @IsUUID()
  lenderOrganizationId: string;

  @ApiPropertyOptional({ description: 'Defaults to the platform’s mediation centre' })
  @IsOptional()
  @IsUUID()
  mediationCenterId?: string;

  @ApiProperty({ type: LoanDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LoanDto)
  loan: LoanDto;

  @ApiProperty({ enum: OVERDUE_REASONS, enumName: 'OverdueReason' })
  @IsIn(OVERDUE_REASONS)
  overdueReason: OverdueReason;

  @ApiProperty({ maxLength: 2000, example: '公司裁员，目前正在找工作' })
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  reasonDetail: string;

  @ApiProperty({ type: ProposalDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ProposalDto)
  proposal: ProposalDto;

  @ApiProperty({ enum: ['online', 'offline'] })
  @IsIn(['online', 'offline'])
  preferredMode: 'online' | 'offline';

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', default: 'zh-CN' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    type: ServiceAddressDto,
    description:
      'Where documents are served beside the account’s email and phone (送达地址确认); printed on the agreement',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceAddressDto)
  serviceAddress?: ServiceAddressDto;

  @ApiProperty({ type: ConsentsDto })
  @IsDefined({
    message:
      'are required: sharing with the lender, and your choice on online mediation and electronic service',
  })
  @ValidateNested()
  @Type(() => ConsentsDto)
  consents: ConsentsDto;
}

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional(STATUS_ENUM)
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ description: 'A case number, or the start of the borrower’s name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ description: 'Lender: answer due before this instant' })
  @IsOptional()
  @IsDateString({ strict: true })
  answerDueBefore?: string;

  @ApiPropertyOptional({ description: 'Lender: the loan contract number' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  contractNumber?: string;

  @ApiPropertyOptional({ description: 'Staff: cases against this lender organisation' })
  @IsOptional()
  @IsUUID()
  lenderOrganizationId?: string;

  @ApiPropertyOptional({ description: 'Filed on or after this day (Beijing), YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'must be a real calendar date' })
  filedFrom?: string;

  @ApiPropertyOptional({ description: 'Filed on or before this day (Beijing), YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'must be a real calendar date' })
  filedTo?: string;

  @ApiPropertyOptional({
    enum: CASE_LIST_ORDERS,
    default: 'newest',
    description:
      '`queue`: what waits on the caller first (a clerk: submitted and needs-info, oldest first; a lender: the answer due soonest), then the rest',
  })
  @IsOptional()
  @IsIn(CASE_LIST_ORDERS)
  order?: CaseListOrder;
}

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
