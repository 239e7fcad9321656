import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../access/roles.decorator';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { StatsQuery, StatsResponse } from './stats.dto';
import { statsCsv, StatsService } from './stats.service';

@ApiTags('stats')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse })
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Roles('clerk', 'admin')
  @Get()
  @ApiOperation({
    summary:
      'Cases filed, accepted, settled, unsuccessful by reason and withdrawn per month; rates and times',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiResponse({ status: 200, type: StatsResponse })
  async get(
    @CurrentPrincipal() p: Principal,
    @Query() q: StatsQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const s = await this.stats.forCaller(p);
    if (q.format === 'csv') {
      await reply
        .type('text/csv; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send(statsCsv(s));
      return;
    }
    await reply.header('Cache-Control', 'no-store').send(s);
  }
}
