import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ApiKeyPrincipal, StaffPrincipal } from '../access/principal';
import { CurrentStaff, Roles } from '../access/roles.decorator';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { PrintLogQuery, PrintLogResponse } from './print-log.dto';
import { PrintLogService } from './print-log.service';

@ApiTags('agreements')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse })
@Controller()
export class PrintLogController {
  constructor(private readonly log: PrintLogService) {}

  @Roles('clerk')
  @Get('agreements/prints')
  @ApiOperation({
    summary: "What your centre's clerks printed (downloaded) and who, newest first",
  })
  @ApiResponse({ status: 200, type: PrintLogResponse, description: 'A page of the log' })
  list(
    @CurrentStaff() p: StaffPrincipal | ApiKeyPrincipal,
    @Query() q: PrintLogQuery,
  ): Promise<PrintLogResponse> {
    return this.log.forCentre(p, q);
  }
}
