import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

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
