import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class AccessLogQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only reads in this case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ description: 'Only reads by this user' })
  @IsOptional()
  @IsUUID()
  readerId?: string;
}

export class AccessLogEntry {
  @ApiProperty() id: string;
  @ApiProperty() readerId: string;
  @ApiProperty({ enum: ['clerk', 'mediator'] }) readerRole: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ type: [String], example: ['borrower.idNumber', 'borrower.phone'] })
  fields: string[];
  @ApiProperty({
    example: 'case',
    description: '`case`, `case_list`, `case_action`, `evidence:<id>`',
  })
  source: string;
  @ApiProperty() readAt: string;
}

export class AccessLogPage {
  @ApiProperty({ type: [AccessLogEntry] }) items: AccessLogEntry[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
