import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsYuan } from '../common/money';
import { MultiLine } from '../common/input/text.decorators';

/** The input of every workflow action (workflow.md "Actions", "Agreement terms"). */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RequestInfoDto {
  @ApiProperty({ description: 'What the borrower should add or correct', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  message: string;
}

export class ResubmitCorrectionsDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  reasonDetail?: string;

  @ApiPropertyOptional({ example: '9650.40' })
  @IsOptional()
  @IsYuan()
  outstandingAmount?: string;

  @ApiPropertyOptional({ example: 'HFQ-2025-00012345' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  contractNumber?: string;
}

export class ResubmitDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  note: string;

  @ApiPropertyOptional({ type: ResubmitCorrectionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResubmitCorrectionsDto)
  corrections?: ResubmitCorrectionsDto;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  reason?: string;
}

export class AcceptDto {
  @ApiProperty({ description: 'The mediator (of the same mediation centre) assigned to the case' })
  @IsUUID()
  mediatorId: string;
}

export class CounterProposalDto {
  @ApiProperty({ example: '8000.00' })
  @IsYuan()
  settlementAmount: string;

  @ApiProperty({ minimum: 1, maximum: 60 })
  @IsInt()
  @Min(1)
  @Max(60)
  installments: number;

  @ApiProperty({ example: '1650.40' })
  @IsYuan()
  waivedAmount: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  note?: string;
}

export class DebtStatementDto {
  @ApiProperty({ example: '2026-11-20', description: 'The date the figures are stated as of' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'must be a real calendar date' })
  asOf: string;

  @ApiProperty({ example: '8000.00', description: 'Principal outstanding (本金)' })
  @IsYuan()
  principal: string;

  @ApiProperty({ example: '900.00', description: 'Contractual interest due (利息)' })
  @IsYuan()
  interest: string;

  @ApiProperty({ example: '500.40', description: 'Penalty interest (罚息)' })
  @IsYuan()
  penaltyInterest: string;

  @ApiProperty({ example: '250.00', description: 'Late fees (滞纳金) and other charges' })
  @IsYuan()
  fees: string;
}

export class LenderAcceptDto {
  @ApiProperty({
    type: DebtStatementDto,
    description:
      'The lender’s statement of the debt: the agreement’s settlement plus waiver must equal its total',
  })
  @IsDefined({ message: 'is required: the lender states the debt it confirms' })
  @ValidateNested()
  @Type(() => DebtStatementDto)
  debtStatement: DebtStatementDto;

  @ApiPropertyOptional({ type: CounterProposalDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CounterProposalDto)
  counterProposal?: CounterProposalDto;
}

export class ScheduleSessionDto {
  @ApiProperty({ example: '2026-12-03T10:00:00+08:00' })
  @Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with offset' })
  startsAt: string;

  @ApiProperty({ example: '2026-12-03T11:00:00+08:00' })
  @Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with offset' })
  endsAt: string;

  @ApiProperty({ enum: ['online', 'offline'] })
  @IsIn(['online', 'offline'])
  mode: 'online' | 'offline';

  @ApiPropertyOptional({ description: 'Required for offline sessions', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @MultiLine()
  location?: string;

  @ApiPropertyOptional({ description: 'Required for online sessions (https)' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  meetingUrl?: string;
}

export class RescheduleSessionDto {
  @ApiProperty({ example: '2026-12-04T10:00:00+08:00' })
  @Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with offset' })
  startsAt: string;

  @ApiProperty({ example: '2026-12-04T11:00:00+08:00' })
  @Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with offset' })
  endsAt: string;

  @ApiPropertyOptional({ enum: ['online', 'offline'] })
  @IsOptional()
  @IsIn(['online', 'offline'])
  mode?: 'online' | 'offline';

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @MultiLine()
  location?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  meetingUrl?: string;
}

export class MinutesDto {
  @ApiProperty({ description: 'The minutes (调解笔录) of the session', maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  @MultiLine()
  minutes: string;
}

export class CloseUnsuccessfulDto {
  @ApiPropertyOptional({ maxLength: 20000, description: 'minutes or reason is required' })
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  @MultiLine()
  minutes?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  reason?: string;
}

/** `propose_extension`: calendar days added after the term's present last day, and why. */
export class ProposeExtensionDto {
  @ApiProperty({ minimum: 1, maximum: 30, description: 'Calendar days added to the term' })
  @IsInt()
  @Min(1)
  @Max(30)
  days: number;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  reason: string;
}

/** `agree_extension`: the proposal the party consents to (a newer proposal replaces it). */
export class AgreeExtensionDto {
  @ApiProperty({ description: 'The open proposal: the case’s `extensionProposal.id`' })
  @IsUUID()
  proposalId: string;
}
