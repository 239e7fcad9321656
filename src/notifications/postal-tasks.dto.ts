import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class PostalTaskQuery {
  @ApiPropertyOptional({ enum: ['open', 'done'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'done'])
  status?: 'open' | 'done';
}

export class PostalTaskDoneDto {
  @ApiPropertyOptional({ example: 'XA123456789CN', description: 'Registered-post tracking number' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  trackingNumber?: string;
}

export class PostalTaskResponse {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ example: 'accept.borrower' }) kind: string;
  @ApiProperty() recipientName: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Null when the borrower confirmed none: ask them before posting',
  })
  postalAddress: string | null;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'The notice to print and post' }) textBody: string;
  @ApiProperty({ enum: ['open', 'done'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) doneAt: string | null;
  @ApiProperty({ nullable: true, type: String }) doneBy: string | null;
  @ApiProperty({ nullable: true, type: String }) trackingNumber: string | null;
  @ApiProperty() createdAt: string;
}
