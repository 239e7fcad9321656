import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/roles.decorator';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { AccessLogPage, AccessLogQuery } from './access-log.dto';
import { AccessLogService } from './access-log.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse })
@Controller('admin/access-log')
export class AccessLogController {
  constructor(private readonly log: AccessLogService) {}

  @Roles('admin')
  @Get()
  @ApiOperation({
    summary: "Staff reads of borrowers' unmasked personal data, newest first (kept three years)",
  })
  @ApiResponse({ status: 200, type: AccessLogPage })
  list(@Query() q: AccessLogQuery): Promise<AccessLogPage> {
    return this.log.list(q);
  }
}
