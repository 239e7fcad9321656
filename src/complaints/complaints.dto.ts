import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { MultiLine } from '../common/input/text.decorators';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from './complaint.entity';
import type { ComplaintCategory, ComplaintStatus } from './complaint.entity';

export class FileComplaintDto {
  @ApiPropertyOptional({ description: 'The case it is about, if any (one you may see)' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiProperty({
    enum: COMPLAINT_CATEGORIES,
    description:
      'harassment, third_party_contact (your family, employer…), threats and fees are about the lender’s or its collectors’ conduct: the lender is told and may answer',
  })
  @IsIn(COMPLAINT_CATEGORIES)
  category: ComplaintCategory;

  @ApiProperty({ maxLength: 4000, example: '催收人员每天打电话到我单位' })
  @IsString()
  @Length(1, 4000)
  @MultiLine()
  description: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'What you can show: dates, the numbers that called, uploads of the case',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  evidence?: string;
}

export class ComplaintAnswerDto {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  @MultiLine()
  answer: string;
}

export class ComplaintListQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;
}

export class ComplaintEventResponse {
  @ApiProperty({ enum: ['filed', 'taken_up', 'lender_answered', 'answered'] }) action: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() at: string;
}

export class ComplaintResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'TS-2026-000123' }) reference: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES }) category: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) evidence: string | null;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The centre’s answer' })
  answer: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The lender’s answer, in its words' })
  lenderAnswer: string | null;
  @ApiProperty() complainantRole: string;
  @ApiProperty({
    description: 'Where else to turn: the regulator’s hotline for banking and insurance consumers',
    example: '12378',
  })
  regulatorHotline: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [ComplaintEventResponse] }) timeline: ComplaintEventResponse[];
}
