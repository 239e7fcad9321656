import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { MultiLine } from '../common/input/text.decorators';
import { IsYuan } from '../common/money';
import { PLAN_STATUSES } from './payment-plan.entity';
import type { PlanStatus } from './payment-plan.entity';

export class InvokeAccelerationDto {
  @ApiPropertyOptional({
    example: '第 2 期逾期超过 15 日，依协议第六条主张全部剩余款项提前到期。',
    description: 'Your note, kept on the timeline',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class AccelerationResponse {
  @ApiProperty({ description: 'When it was recorded (UTC)' }) invokedAt: string;
  @ApiProperty({
    type: [Number],
    example: [2],
    description: 'The installments late when it was invoked',
  })
  lateInstallments: number[];
  @ApiProperty({ example: '5333.36', description: 'What was left to pay on the whole plan' })
  outstanding: string;
}

export class CompletionConfirmationResponse {
  @ApiProperty({ description: 'When the lender confirmed (UTC)' }) confirmedAt: string;
  @ApiProperty({ description: 'When the last fen was paid (UTC)' }) completedAt: string;
  @ApiProperty({ example: '8000.00' }) paid: string;
}

export class WaiveInstallmentDto {
  @ApiProperty({
    maxLength: 500,
    example: '申请人失业，经协商同意减免第 12 期剩余款项。',
    description: 'Why you release it; kept on the timeline and shown to the borrower',
  })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'must not be blank' })
  @MultiLine()
  reason: string;

  @ApiPropertyOptional({
    example: '666.74',
    description:
      'What you mean to waive: when given it must be what is unpaid on the installment now (a guard against a payment recorded since you looked)',
  })
  @IsOptional()
  @IsYuan()
  amount?: string;
}

export class WaiverResponse {
  @ApiProperty({ example: 12 }) seq: number;
  @ApiProperty({ example: '2027-12-15' }) dueDate: string;
  @ApiProperty({ example: '666.74', description: 'What was waived: its unpaid rest' })
  waived: string;
  @ApiProperty({ example: '0.00', description: 'What had been paid on it (stays paid)' })
  paid: string;
  @ApiProperty({ description: 'When it was recorded (UTC)' }) waivedAt: string;
  @ApiProperty({ example: '6666.60', description: 'What is left to pay on the whole plan' })
  leftToPay: string;
  @ApiProperty({
    enum: PLAN_STATUSES,
    description: '`completed` when nothing is left to pay: the 结清证明 is issued',
  })
  planStatus: PlanStatus;
}
