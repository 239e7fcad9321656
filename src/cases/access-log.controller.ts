import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/roles.decorator';
import { AccessLogPage, AccessLogQuery } from './access-log.dto';
import { AccessLogService } from './access-log.service';

@ApiTags('admin')
@Controller('admin/access-log')
export class AccessLogController {
  constructor(private readonly log: AccessLogService) {}

  @Roles('admin')
  @Get()
  @ApiOperation({
    summary: "Staff reads of borrowers' unmasked personal data, newest first (kept three years)",
  })
  @ApiResponse({ status: 200, type: AccessLogPage, description: 'A page of reads' })
  list(@Query() q: AccessLogQuery): Promise<AccessLogPage> {
    return this.log.list(q);
  }
}
