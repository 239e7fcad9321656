import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { UserPrincipal } from '../access/principal';
import { CurrentUser, Roles } from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { SchedulePreviewDto, SchedulePreviewResponse } from './schedule-preview.dto';
import { SchedulePreviewService } from './schedule-preview.service';

@ApiTags('agreements')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse })
@Controller()
export class SchedulePreviewController {
  constructor(private readonly previews: SchedulePreviewService) {}

  @Roles('mediator')
  @Post('cases/:id/agreement/schedule-preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The repayment schedule these terms would print, to the fen; nothing is saved',
  })
  @ApiResponse({ status: 200, type: SchedulePreviewResponse })
  @ApiResponse({ status: 400, type: ErrorResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  preview(
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
    @Body() dto: SchedulePreviewDto,
  ): Promise<SchedulePreviewResponse> {
    return this.previews.preview(p, id, dto);
  }
}
