import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDateString,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsYuan } from '../common/money';
import { MultiLine } from '../common/input/text.decorators';

/** The inputs of the agreement's actions: its terms, a signature, the mediator's confirmation. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PaymentDto {
  @ApiPropertyOptional({ example: '某某消费金融有限公司', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  accountName?: string;

  @ApiPropertyOptional({ example: '中国工商银行上海市分行营业部', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  bankName?: string;

  @ApiPropertyOptional({ example: '1001234567890123456', maxLength: 40 })
  @IsOptional()
  @Matches(/^[0-9][0-9 -]{5,38}[0-9]$/, { message: 'must be a bank account number (digits)' })
  accountNumber?: string;

  @ApiPropertyOptional({
    example: '好分期 App “我的账单—还款”',
    maxLength: 300,
    description: 'Instead of an account: the channel the borrower pays through',
  })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  channel?: string;
}

export class AgreementTermsDto {
  @ApiProperty({ example: '8000.00' })
  @IsYuan()
  settlementAmount: string;

  @ApiProperty({ minimum: 1, maximum: 60 })
  @IsInt()
  @Min(1)
  @Max(60)
  installments: number;

  @ApiProperty({ example: '2027-01-15' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'must be a real calendar date' })
  firstDueDate: string;

  @ApiProperty({ example: '1650.40' })
  @IsYuan()
  waivedAmount: string;

  @ApiProperty({
    type: PaymentDto,
    description:
      'How the borrower pays (履行方式): the payee account (accountName, bankName, accountNumber) or a channel',
  })
  @IsDefined({ message: 'is required: the payee account or the channel the borrower pays through' })
  @ValidateNested()
  @Type(() => PaymentDto)
  payment: PaymentDto;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  @MultiLine()
  clauses?: string[];

  @ApiPropertyOptional({ description: 'Minutes of the session that produced the agreement' })
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  @MultiLine()
  minutes?: string;
}

export class SignAgreementDto {
  @ApiProperty({ description: 'The agreement version the signer has read', minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ description: 'SHA-256 (hex) of that version’s PDF' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a lowercase hex SHA-256' })
  sha256: string;

  @ApiPropertyOptional({ description: 'The signer confirms they read and accept the agreement' })
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;
}

export class ConfirmAgreementDto {
  @ApiProperty({ description: 'The agreement version both parties signed', minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({
    description: 'SHA-256 (hex) of that version’s draft PDF, as the parties signed it',
  })
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a lowercase hex SHA-256' })
  sha256: string;
}
