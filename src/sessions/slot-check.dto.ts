import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class SlotCheckQuery {
  @ApiProperty({ example: '2026-12-03T10:00:00+08:00' })
  @Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with offset' })
  startsAt: string;

  @ApiProperty({ example: '2026-12-03T11:00:00+08:00' })
  @Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with offset' })
  endsAt: string;

  @ApiPropertyOptional({
    description: 'The session being moved, which does not conflict with itself',
  })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}

export class SlotConflictResponse {
  @ApiProperty() caseId: string;
  @ApiProperty({ example: 'MED-2026-000123' }) caseNumber: string;
  @ApiProperty({ example: '2026-12-03T10:00:00+08:00' }) startsAt: string;
  @ApiProperty({ example: '2026-12-03T11:00:00+08:00' }) endsAt: string;
}

export class SlotCheckResponse {
  @ApiProperty({ description: 'No session of yours overlaps the slot' }) free: boolean;
  @ApiProperty({ type: SlotConflictResponse, nullable: true })
  conflict: SlotConflictResponse | null;
}
