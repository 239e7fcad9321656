import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { AgreementTermsDto, PaymentDto } from '../workflow/agreement-actions.dto';
import { ScheduleRowResponse } from './agreements.dto';

/**
 * The terms a schedule is previewed from: the drafting terms, with the payment optional (the
 * schedule does not depend on how the borrower pays, and the preview follows the terms as the
 * mediator types them). A payment given is checked as drafting checks it.
 */
export class SchedulePreviewDto extends OmitType(AgreementTermsDto, ['payment'] as const) {
  @ApiPropertyOptional({ type: PaymentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PaymentDto)
  payment?: PaymentDto;
}

export class SchedulePreviewResponse {
  @ApiProperty({ example: '8000.00' }) settlementAmount: string;
  @ApiProperty({ example: 12 }) installments: number;
  @ApiProperty({ type: [ScheduleRowResponse], description: 'Exactly the rows the PDF prints' })
  schedule: ScheduleRowResponse[];
  @ApiProperty({ example: '8000.00', description: 'The rows added up: the settlement amount' })
  total: string;
}
