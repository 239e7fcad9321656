import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
import { CalendarOverviewResponse, CalendarYearResponse, PutCalendarYearDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

const YEAR = {
  name: 'year',
  schema: { type: 'integer', minimum: 2000, maximum: 2100, example: 2027 },
  description: 'A year from 2000 to 2100',
} as const;

@ApiTags('calendar')
@Controller('admin/calendar')
export class CalendarAdminController {
  constructor(private readonly calendar: CalendarService) {}

  @Roles('admin')
  @Get()
  @ApiOperation({
    summary: 'Which years have the official holiday calendar, and what is missing',
    description:
      'Deadlines count working days and roll past holidays on the State Council’s yearly schedule. A year without it is counted Monday–Friday and its deadlines are marked provisional; `warnings` names this year or the next when that is so.',
  })
  @ApiResponse({ status: 200, type: CalendarOverviewResponse, description: 'Every known year' })
  overview(): Promise<CalendarOverviewResponse> {
    return this.calendar.overview();
  }

  @Roles('admin')
  @Get(':year')
  @ApiOperation({ summary: 'The official holiday schedule of a year, and where it comes from' })
  @ApiParam(YEAR)
  @ApiResponse({ status: 200, type: CalendarYearResponse, description: 'The year’s schedule' })
  @ApiErrors({ VALIDATION_FAILED: '`year` is not a year from 2000 to 2100' })
  getYear(@Param('year') year: string): Promise<CalendarYearResponse> {
    return this.calendar.getYear(year);
  }

  @Roles('admin')
  @Put(':year')
  @ApiOperation({
    summary: 'Enter a year’s holiday schedule (国务院办公厅 notice), ahead of a package release',
    description:
      'Replaces the year whole: the entered days take precedence over the packaged data for that year, from the next deadline computed on (deadlines already set keep their end). Dates must lie in the year, each once, no day both a holiday and a working day, working days on a Saturday or Sunday; a wrong field answers 400 naming it (`holidays.3`) and stores nothing.',
  })
  @ApiParam(YEAR)
  @ApiResponse({ status: 200, type: CalendarYearResponse, description: 'The year as stored' })
  putYear(
    @Param('year') year: string,
    @Body() dto: PutCalendarYearDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<CalendarYearResponse> {
    return this.calendar.putYear(year, dto, p.userId!);
  }
}
