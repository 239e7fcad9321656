import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { UserPrincipal } from '../access/principal';
import { CurrentUser, Roles } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { SchedulePreviewDto, SchedulePreviewResponse } from './schedule-preview.dto';
import { SchedulePreviewService } from './schedule-preview.service';

@ApiTags('agreements')
@Controller()
export class SchedulePreviewController {
  constructor(private readonly previews: SchedulePreviewService) {}

  @Roles('mediator')
  @Post('cases/:id/agreement/schedule-preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The repayment schedule these terms would print, to the fen; nothing is saved',
  })
  @ApiResponse({
    status: 200,
    type: SchedulePreviewResponse,
    description: 'The rows the agreement would print, and their total',
  })
  @ApiErrors('CASE_NOT_FOUND', {
    CONFLICT: 'the lender has not yet stated the debt it confirms (`lender_accept`)',
  })
  preview(
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
    @Body() dto: SchedulePreviewDto,
  ): Promise<SchedulePreviewResponse> {
    return this.previews.preview(p, id, dto);
  }
}
