import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { MAX_HOLIDAYS, MAX_MAKEUP_WORKDAYS } from './calendar-year.rules';
import { CALENDAR_SOURCES } from './official-calendar';
import type { CalendarSource } from './official-calendar';

export class PutCalendarYearDto {
  @ApiProperty({
    description:
      'Every day off of the year’s public holidays as the notice lists them, weekend days inside a holiday included (`YYYY-MM-DD`, all in the year, each once, at least one)',
    example: ['2027-01-01', '2027-02-06', '2027-02-07'],
    maxItems: MAX_HOLIDAYS,
  })
  @IsArray()
  @ArrayMaxSize(MAX_HOLIDAYS)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  holidays: string[];

  @ApiProperty({
    description:
      'The Saturdays and Sundays worked under 调休 (`YYYY-MM-DD`, in the year, none also a holiday); `[]` when none',
    example: ['2027-02-20'],
    maxItems: MAX_MAKEUP_WORKDAYS,
  })
  @IsArray()
  @ArrayMaxSize(MAX_MAKEUP_WORKDAYS)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  makeupWorkdays: string[];

  @ApiPropertyOptional({
    description: 'The notice copied from: its number and www.gov.cn address',
    example: '国务院办公厅关于2027年部分节假日安排的通知 https://www.gov.cn/…',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  notice?: string;
}

class EnteredByDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class CalendarYearResponse {
  @ApiProperty({ example: 2027 }) year: number;

  @ApiProperty({
    enum: CALENDAR_SOURCES,
    nullable: true,
    description:
      'Where the year’s schedule comes from: `admin` (entered here; it overrides the others), `repository` (the service’s own data file), `package` (chinese-days); null when there is none: its deadlines are counted Monday–Friday and marked provisional',
  })
  source: CalendarSource | null;

  @ApiProperty({ type: [String], example: ['2027-01-01'] }) holidays: string[];
  @ApiProperty({ type: [String], example: ['2027-02-20'] }) makeupWorkdays: string[];
  @ApiProperty({ nullable: true, type: String }) notice: string | null;

  @ApiProperty({ nullable: true, type: EnteredByDto, description: 'Set when source is `admin`' })
  enteredBy: EnteredByDto | null;

  @ApiProperty({ nullable: true, type: String, example: '2026-12-01T10:00:00+08:00' })
  enteredAt: string | null;
}

class CalendarYearSourceDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ enum: CALENDAR_SOURCES, nullable: true }) source: CalendarSource | null;
}

class CalendarWarningDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty() message: string;
}

export class CalendarOverviewResponse {
  @ApiProperty({ example: '1.5.7', description: 'The installed chinese-days release' })
  packageVersion: string;

  @ApiProperty({
    type: [CalendarYearSourceDto],
    description: 'Every year with official data, and this year and the next even without',
  })
  years: CalendarYearSourceDto[];

  @ApiProperty({
    type: [CalendarWarningDto],
    description:
      'This year or the next without official data: what to enter, so its deadlines stop being provisional',
  })
  warnings: CalendarWarningDto[];
}
