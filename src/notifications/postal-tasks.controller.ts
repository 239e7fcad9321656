import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { UserPrincipal } from '../access/principal';
import { CurrentUser, Roles } from '../access/roles.decorator';
import { AppError } from '../common/errors/app-error';
import { ApiErrors } from '../common/openapi/api-docs';
import { IdPipe } from '../common/id.pipe';
import { PostalTaskDoneDto, PostalTaskQuery, PostalTaskResponse } from './postal-tasks.dto';
import { PostalTasksService } from './postal-tasks.service';

const clerk = (p: UserPrincipal) => {
  if (p.role !== 'clerk') throw new AppError('FORBIDDEN', 'postal tasks are for clerks');
  return p;
};

@ApiTags('notifications')
@Controller('postal-tasks')
export class PostalTasksController {
  constructor(private readonly tasks: PostalTasksService) {}

  @Roles('clerk')
  @Get()
  @ApiOperation({
    summary: 'The centre’s notices to post (邮寄送达), oldest first (clerk)',
    description:
      'One per notice to a borrower who declined electronic service, with the postal address of the case at the time.',
  })
  @ApiResponse({ status: 200, type: [PostalTaskResponse], description: 'Oldest first' })
  list(
    @CurrentUser() p: UserPrincipal,
    @Query() q: PostalTaskQuery,
  ): Promise<PostalTaskResponse[]> {
    return this.tasks.list(clerk(p), q.status);
  }

  @Roles('clerk')
  @Post(':id/done')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a notice as posted, on the case’s timeline (clerk)' })
  @ApiResponse({ status: 200, type: PostalTaskResponse, description: 'The task, done' })
  @ApiErrors({ NOT_FOUND: 'no such open postal task in your centre' })
  done(
    @CurrentUser() p: UserPrincipal,
    @Param('id', IdPipe) id: string,
    @Body() dto: PostalTaskDoneDto,
  ): Promise<PostalTaskResponse> {
    return this.tasks.done(clerk(p), id, dto);
  }
}
