import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ApiKeyPrincipal, StaffPrincipal } from '../access/principal';
import { CurrentStaff, Roles } from '../access/roles.decorator';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { MediatorWorkloadResponse } from './mediator-workload.dto';
import { MediatorWorkloadService } from './mediator-workload.service';

@ApiTags('sessions')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse })
@Controller()
export class MediatorWorkloadController {
  constructor(private readonly workload: MediatorWorkloadService) {}

  @Roles('clerk')
  @Get('mediators/workload')
  @ApiOperation({
    summary:
      "The centre's mediators with their open cases and next free slot, to choose on `accept`",
  })
  @ApiResponse({ status: 200, type: [MediatorWorkloadResponse] })
  forCentre(
    @CurrentStaff() p: StaffPrincipal | ApiKeyPrincipal,
  ): Promise<MediatorWorkloadResponse[]> {
    return this.workload.forCentre(p);
  }
}
