import { ApiProperty } from '@nestjs/swagger';
import { ScheduleRowResponse } from './agreements.dto';

export class SchedulePreviewResponse {
  @ApiProperty({ example: '8000.00' }) settlementAmount: string;
  @ApiProperty({ example: 12 }) installments: number;
  @ApiProperty({ type: [ScheduleRowResponse], description: 'Exactly the rows the PDF prints' })
  schedule: ScheduleRowResponse[];
  @ApiProperty({ example: '8000.00', description: 'The rows added up: the settlement amount' })
  total: string;
}
