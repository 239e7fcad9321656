import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsString, Length, Matches } from 'class-validator';
import { MultiLine } from '../common/input/text.decorators';
import { IsYuan } from '../common/money';
import { PAYMENT_REPORT_STATUSES } from './payment-report.entity';
import type { PaymentReportStatus } from './payment-report.entity';
import { PlanPaymentItem } from './plans.dto';

/** The fields of the borrower's multipart form beside the `file` (the proof). */
export class ReportPaymentDto {
  @ApiProperty({ example: '666.66', description: 'Yuan with two decimals' })
  @IsYuan()
  amount: string;

  @ApiProperty({ example: '2027-01-15', description: 'The day you paid (Beijing time)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'must be a real calendar date' })
  paidOn: string;
}

export class DisputePaymentReportDto {
  @ApiProperty({
    maxLength: 2000,
    description: 'Why the payment is not recognised; the borrower reads it',
  })
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  reason: string;
}

export class PaymentReportResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '666.66' }) amount: string;
  @ApiProperty({ example: '2027-01-15', description: 'The day the borrower says they paid' })
  paidOn: string;
  @ApiProperty({
    enum: PAYMENT_REPORT_STATUSES,
    description:
      '`reported`: waiting for the lender; `confirmed`: applied; `disputed`: not applied',
  })
  status: PaymentReportStatus;
  @ApiProperty() reportedAt: string;
  @ApiProperty({ description: 'The proof as uploaded (its type read from the content)' })
  filename: string;
  @ApiProperty({ example: 'application/pdf' }) mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the proof, hex' }) sha256: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The lender’s reason, if disputed' })
  disputeReason: string | null;
  @ApiPropertyOptional({
    type: PlanPaymentItem,
    nullable: true,
    description: 'The payment it became, once confirmed (reference `report:<id>`)',
  })
  payment: PlanPaymentItem | null;
  @ApiProperty({
    description: 'True when it had been confirmed before: nothing was applied this time',
  })
  replayed: boolean;
}
