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
import type { CaseStatus } from '../workflow/states';
import { CASE_LIST_ORDERS } from './case-list.query';
import type { CaseListOrder } from './case-list.query';
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
