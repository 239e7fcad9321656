import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { MultiLine } from '../common/input/text.decorators';
import { IsYuan } from '../common/money';
import type { InstallmentState } from './allocation';
import { INSTALLMENT_STATES } from './plan-installment.entity';
import { PLAN_STATUSES } from './payment-plan.entity';
import type { PlanStatus } from './payment-plan.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The lender's own reference: what makes reporting a payment twice harmless. */
export const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;

export class RecordPaymentDto {
  @ApiProperty({ example: '666.66', description: 'Yuan with two decimals' })
  @IsYuan()
  amount: string;

  @ApiProperty({ example: '2027-01-15', description: 'The day the money arrived (Beijing time)' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'must be a real calendar date' })
  paidOn: string;

  @ApiProperty({
    example: 'HF-20270115-000123',
    description: 'Your reference for this payment; reporting it again applies nothing',
  })
  @IsString()
  @Length(1, 64)
  @Matches(REFERENCE, { message: 'must be 1–64 letters, digits or . _ : / -' })
  reference: string;
}

export class InstallmentResponse {
  @ApiProperty() seq: number;
  @ApiProperty({ example: '2027-01-15' }) dueDate: string;
  @ApiProperty({ example: '666.66' }) amount: string;
  @ApiProperty({ example: '0.00' }) paid: string;
  @ApiProperty({ example: '666.66', description: 'What is still to pay on it' }) unpaid: string;
  @ApiProperty({ enum: INSTALLMENT_STATES }) state: InstallmentState;
}

export class PaymentResponse {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ example: '666.66' }) amount: string;
  @ApiProperty({ example: '2027-01-15' }) paidOn: string;
  @ApiProperty({ description: 'How it was split: installment and yuan', isArray: true })
  allocation: { seq: number; amount: string }[];
  @ApiProperty() recordedAt: string;
  /** True when this reference had been reported before: nothing was applied this time. */
  @ApiProperty() replayed: boolean;
}

export class PlanResponse {
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: PlanStatus;
  @ApiProperty({ example: '8000.00' }) settlement: string;
  @ApiProperty({ example: '0.00', description: 'Paid so far' }) paid: string;
  @ApiProperty({ example: '0.00', description: 'Unpaid on installments already due' })
  owed: string;
  @ApiProperty({ example: '8000.00', description: 'Unpaid on installments not yet due' })
  remaining: string;
  @ApiProperty({ description: 'Days late before an installment is marked late' })
  graceDays: number;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ type: [InstallmentResponse] }) installments: InstallmentResponse[];
  @ApiProperty({ type: [PaymentResponse] }) payments: Omit<PaymentResponse, 'replayed'>[];
}

export const MAX_IMPORT_ROWS = 5000;

/** One row of a bulk file: the case by its number (or id) and the payment. */
export class PaymentRowDto extends RecordPaymentDto {
  @ApiProperty({ example: 'TJ-2026-000123', description: 'The case number, or the case id' })
  @IsString()
  @Length(1, 64)
  case: string;
}

export class ImportPaymentsDto {
  @ApiProperty({
    required: false,
    description: 'CSV with the header `case,reference,amount,paidOn` (UTF-8, comma-separated)',
  })
  @IsOptional()
  @IsString()
  @MultiLine()
  csv?: string;

  @ApiProperty({ required: false, type: [PaymentRowDto], description: 'The rows as JSON' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  payments?: unknown[];
}

export class ImportedRow {
  @ApiProperty({
    description: 'The row: 1 is the first payment (in CSV, the line after the header)',
  })
  row: number;
  @ApiProperty() case: string;
  @ApiProperty() reference: string;
  @ApiProperty({ required: false }) paymentId?: string;
  @ApiProperty({ required: false, description: 'Reported before: nothing applied again' })
  replayed?: boolean;
  @ApiProperty({ required: false, description: 'Why the row was refused' })
  errors?: { field: string; message: string }[];
}

export class ImportReport {
  @ApiProperty({ description: 'True when every row applied; otherwise nothing did' })
  applied: boolean;
  @ApiProperty() rows: number;
  @ApiProperty({ type: [ImportedRow] }) accepted: ImportedRow[];
  @ApiProperty({ type: [ImportedRow] }) refused: ImportedRow[];
}
