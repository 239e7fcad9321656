import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type {
  ApiKeyPrincipal,
  Principal,
  StaffPrincipal,
  UserPrincipal,
} from '../access/principal';
import {
  AnyRole,
  CurrentPrincipal,
  CurrentStaff,
  CurrentUser,
  Roles,
} from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { ApiErrors } from '../common/openapi/api-docs';
import { CalendarQuery, CalendarResponse, SessionResponse } from './sessions.dto';
import { SessionsService } from './sessions.service';
import { IdPipe } from '../common/id.pipe';

const CALENDAR =
  'Sessions that are not cancelled and overlap [from, to), earliest first, times in Beijing time (+08:00). ' +
  'Default range: 7 days ago to 60 days ahead; given one end only, the other is 67 days away; at most 366 days.';

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @AnyRole()
  @Get('cases/:id/sessions')
  @ApiOperation({
    summary: 'The sessions of a case, earliest first',
    description:
      'Booked with the `schedule_session` action; moved, cancelled and held through the other session actions.',
  })
  @ApiResponse({ status: 200, type: [SessionResponse], description: 'Cancelled ones too' })
  @ApiErrors('CASE_NOT_FOUND')
  forCase(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<SessionResponse[]> {
    return this.sessions.forCase(p, id);
  }

  @Roles('mediator')
  @Get('mediators/me/sessions')
  @ApiOperation({ summary: 'The calling mediator’s calendar', description: CALENDAR })
  @ApiResponse({ status: 200, type: CalendarResponse, description: 'A page of sessions' })
  myCalendar(
    @CurrentUser() p: UserPrincipal,
    @Query() q: CalendarQuery,
  ): Promise<CalendarResponse> {
    return this.sessions.myCalendar(p, q);
  }

  @Roles('clerk')
  @Get('mediators/:mediatorId/sessions')
  @ApiOperation({
    summary: 'A mediator’s calendar, for a clerk of the same mediation centre',
    description: CALENDAR,
  })
  @ApiResponse({ status: 200, type: CalendarResponse, description: 'A page of sessions' })
  @ApiErrors({ NOT_FOUND: 'not a mediator of your centre' })
  calendarOf(
    @CurrentStaff() p: StaffPrincipal | ApiKeyPrincipal,
    @Param('mediatorId', new IdPipe('mediator')) mediatorId: string,
    @Query() q: CalendarQuery,
  ): Promise<CalendarResponse> {
    return this.sessions.calendarOf(p, mediatorId, q);
  }
}
