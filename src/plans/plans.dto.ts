import { ApiProperty, ApiSchema } from '@nestjs/swagger';
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
  @ApiProperty({ example: 1, description: 'Its place in the schedule, from 1' }) seq: number;
  @ApiProperty({ example: '2027-01-15' }) dueDate: string;
  @ApiProperty({ example: '666.66' }) amount: string;
  @ApiProperty({ example: '0.00' }) paid: string;
  @ApiProperty({
    example: '0.00',
    description: 'What the lender waived of it (its unpaid rest when it was waived)',
  })
  waived: string;
  @ApiProperty({ example: '666.66', description: 'What is still to pay on it' }) unpaid: string;
  @ApiProperty({
    enum: INSTALLMENT_STATES,
    description:
      'Late once unpaid more than `graceDays` after its due date; `waived` once the lender released its rest',
  })
  state: InstallmentState;
}

/** What part of a payment went to one installment. */
export class AllocationShare {
  @ApiProperty({ example: 1, description: 'The installment (`seq`)' }) seq: number;
  @ApiProperty({ example: '666.66', description: 'Yuan of the payment applied to it' })
  amount: string;
}

/** A payment as the plan lists it. */
@ApiSchema({ name: 'PlanPayment' })
export class PlanPaymentItem {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'HF-20270115-000123', description: 'Your reference for it' })
  reference: string;
  @ApiProperty({ example: '666.66' }) amount: string;
  @ApiProperty({ example: '2027-01-15', description: 'The day the money arrived' })
  paidOn: string;
  @ApiProperty({
    type: [AllocationShare],
    description: 'How it was split over the installments (clause 5)',
  })
  allocation: AllocationShare[];
  @ApiProperty({ description: 'When the service recorded it' }) recordedAt: string;
}

/** Named apart from the agreement's payee account (agreements.dto.ts's PaymentResponse). */
@ApiSchema({ name: 'PlanPaymentResponse' })
export class PaymentResponse extends PlanPaymentItem {
  @ApiProperty({
    description: 'True when this reference had been reported before: nothing was applied this time',
  })
  replayed: boolean;
}

export class PlanResponse {
  @ApiProperty() caseId: string;
  @ApiProperty({
    enum: PLAN_STATUSES,
    description: '`completed` once nothing is left to pay (every installment paid or waived)',
  })
  status: PlanStatus;
  @ApiProperty({ example: '8000.00', description: 'The settlement amount of the agreement' })
  settlement: string;
  @ApiProperty({ example: '0.00', description: 'Paid so far' }) paid: string;
  @ApiProperty({ example: '0.00', description: 'Waived by the lender so far' }) waived: string;
  @ApiProperty({ example: '0.00', description: 'Unpaid on installments already due' })
  owed: string;
  @ApiProperty({ example: '8000.00', description: 'Unpaid on installments not yet due' })
  remaining: string;
  @ApiProperty({ description: 'Days late before an installment is marked late' })
  graceDays: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the last fen was paid (or the last open installment waived)',
  })
  completedAt: string | null;
  @ApiProperty({ type: [InstallmentResponse] }) installments: InstallmentResponse[];
  @ApiProperty({ type: [PlanPaymentItem], description: 'Every payment reported, oldest first' })
  payments: PlanPaymentItem[];
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

/** Why a row was refused: the row's field and what is wrong with it. */
export class ImportRowError {
  @ApiProperty({ example: 'amount' }) field: string;
  @ApiProperty({
    example: 'must be a yuan amount as a string with two decimals, such as "8000.00"',
  })
  message: string;
}

export class ImportedRow {
  @ApiProperty({
    example: 1,
    description: 'The row: 1 is the first payment (in CSV, the line after the header)',
  })
  row: number;
  @ApiProperty({ description: 'The case as the row names it (its number or id)' }) case: string;
  @ApiProperty({ description: 'Your reference, as the row gives it' }) reference: string;
  @ApiProperty({ required: false, description: 'The payment the row is (when applied)' })
  paymentId?: string;
  @ApiProperty({ required: false, description: 'Reported before: nothing applied again' })
  replayed?: boolean;
  @ApiProperty({ required: false, type: [ImportRowError], description: 'Why it was refused' })
  errors?: ImportRowError[];
}

export class ImportReport {
  @ApiProperty({ description: 'True when every row applied; otherwise nothing did' })
  applied: boolean;
  @ApiProperty({ description: 'How many rows the file has' }) rows: number;
  @ApiProperty({
    type: [ImportedRow],
    description: 'The rows that apply (when `applied` is false: would have applied)',
  })
  accepted: ImportedRow[];
  @ApiProperty({ type: [ImportedRow], description: 'The rows refused, each with why' })
  refused: ImportedRow[];
}

/** The seal of a settlement certificate as checked from the file's bytes. */
export class CertificateSealCheck {
  @ApiProperty({ description: 'The signature is correct over the bytes it covers' })
  valid: boolean;
  @ApiProperty({ description: 'It covers the whole file: nothing was added after sealing' })
  coversWholeFile: boolean;
  @ApiProperty({ description: 'The signing certificate is the one that sealed this certificate' })
  centreCertificate: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The certificate’s subject CN' })
  signer: string | null;
  @ApiProperty({ nullable: true, type: String }) signedAt: string | null;
  @ApiProperty({ required: false, description: 'Why not, when not valid' }) reason?: string;
}

/** What anyone may learn from a settlement certificate's file: nothing personal. */
export class CertificateCheckResponse {
  @ApiProperty({ example: 'MED-2026-000123' }) caseNumber: string;
  @ApiProperty({ example: '2027-12-15', description: 'The day the last fen was paid (Beijing)' })
  completedOn: string;
  @ApiProperty({
    example: '8000.00',
    description: 'What was paid: the settlement amount, less what the lender waived',
  })
  paid: string;
  @ApiProperty({
    example: '0.00',
    description: 'What the lender waived of the settlement amount (installments it released)',
  })
  waived: string;
  @ApiProperty({ description: 'SHA-256 of the file checked, hex' }) sha256: string;
  @ApiProperty({ type: CertificateSealCheck }) seal: CertificateSealCheck;
  @ApiProperty({ description: 'The seal holds over the whole file, by the centre’s certificate' })
  intact: boolean;
}
