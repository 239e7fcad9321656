import { ApiProperty } from '@nestjs/swagger';
import { SLOT_HORIZON_DAYS } from './free-slot';

export class MediatorWorkloadResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Cases assigned to them that are not closed' })
  openCases: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-03T10:00:00+08:00',
    description: `The first free hour in office hours (09:00–17:00 Beijing) on a working day, within ${SLOT_HORIZON_DAYS} days`,
  })
  nextFreeSlot: string | null;
}
