import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ApiKeyPrincipal, StaffPrincipal, UserPrincipal } from '../access/principal';
import { CurrentStaff, CurrentUser, Roles } from '../access/roles.decorator';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { MediatorWorkloadResponse } from './mediator-workload.dto';
import { MediatorWorkloadService } from './mediator-workload.service';
import { SlotCheckQuery, SlotCheckResponse } from './slot-check.dto';
import { SlotCheckService } from './slot-check.service';

@ApiTags('sessions')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse })
@Controller()
export class MediatorWorkloadController {
  constructor(
    private readonly workload: MediatorWorkloadService,
    private readonly slots: SlotCheckService,
  ) {}

  @Roles('clerk')
  @Get('mediators/workload')
  @ApiOperation({
    summary:
      "The centre's mediators with their open cases and next free slot, to choose on `accept`",
  })
  @ApiResponse({
    status: 200,
    type: [MediatorWorkloadResponse],
    description: 'The active mediators of your centre, by name',
  })
  forCentre(
    @CurrentStaff() p: StaffPrincipal | ApiKeyPrincipal,
  ): Promise<MediatorWorkloadResponse[]> {
    return this.workload.forCentre(p);
  }

  @Roles('mediator')
  @Get('mediators/me/slot-check')
  @ApiOperation({
    summary: 'Whether you are free for a slot, or which of your sessions is in the way',
    description:
      'Asked before `schedule_session` or `reschedule_session`; the booking still decides.',
  })
  @ApiResponse({
    status: 200,
    type: SlotCheckResponse,
    description: '`free`, or the session in the way as `conflict`',
  })
  @ApiResponse({ status: 400, type: ErrorResponse })
  slotCheck(
    @CurrentUser() p: UserPrincipal,
    @Query() q: SlotCheckQuery,
  ): Promise<SlotCheckResponse> {
    return this.slots.check(p, q);
  }
}
