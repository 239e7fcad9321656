import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { SESSION_MODES, SESSION_STATUSES } from './session.entity';
import type { SessionMode, SessionStatus } from './session.entity';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class SessionResponse {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() mediatorId: string;
  @ApiProperty({ example: '2026-12-03T10:00:00+08:00', description: 'Beijing time' })
  startsAt: string;
  @ApiProperty({ example: '2026-12-03T11:00:00+08:00' })
  endsAt: string;
  @ApiProperty({ enum: SESSION_MODES }) mode: SessionMode;
  @ApiProperty({ type: String, nullable: true, description: 'Address of an offline session' })
  location: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Link of an online session' })
  meetingUrl: string | null;
  @ApiProperty({ enum: SESSION_STATUSES }) status: SessionStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Minutes (调解笔录) of a held session; shown to the parties, mediator and clerks',
  })
  minutes: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ description: 'Raised on every change (the iCalendar SEQUENCE)' })
  sequence: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CalendarEntryResponse extends SessionResponse {
  @ApiProperty({ example: 'MED-2026-000123' }) caseNumber: string;
}

export class CalendarResponse {
  @ApiProperty({ type: [CalendarEntryResponse] }) items: CalendarEntryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ example: '2026-11-19T10:00:00+08:00' }) from: string;
  @ApiProperty({ example: '2027-01-25T10:00:00+08:00' }) to: string;
}

export class CalendarQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Sessions ending after this instant (ISO 8601 with offset); default 7 days ago',
    example: '2026-12-01T00:00:00+08:00',
  })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with offset' })
  from?: string;

  @ApiPropertyOptional({
    description:
      'Sessions starting before this instant; default 60 days from now; at most 366 days after from',
    example: '2027-01-01T00:00:00+08:00',
  })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: 'must be an ISO 8601 instant with offset' })
  to?: string;
}
