import { ApiProperty } from '@nestjs/swagger';
import { PageQuery } from '../common/pagination';

export class PrintLogQuery extends PageQuery {}

export class PrintLogItem {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['draft', 'sealed'] }) copy: string;
  @ApiProperty() printedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'The clerk; null for an API key' })
  printedBy: string | null;
}

export class PrintLogResponse {
  @ApiProperty({ type: [PrintLogItem] }) items: PrintLogItem[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
