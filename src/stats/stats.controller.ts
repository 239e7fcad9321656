import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../access/roles.decorator';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { responseHeaders } from '../common/openapi/api-docs';
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
      'Cases filed, accepted, settled, unsuccessful by reason and withdrawn per month; rates and times; repayment plans kept, late and completed',
  })
  @ApiExtraModels(StatsResponse)
  @ApiResponse({
    status: 200,
    description:
      'The figures of your centre (all centres for an admin) as of `asOf` (also the `Last-Modified` header); `format=csv`: the months',
    headers: responseHeaders('Last-Modified'),
    content: {
      'application/json': { schema: { $ref: getSchemaPath(StatsResponse) } },
      'text/csv': {
        schema: {
          type: 'string',
          example:
            'month,filed,accepted,settled,withdrawn,lenderDeclined,lenderNoResponse,noAgreement,termExpired\n2026-11,6,3,2,1,1,0,0,0\n',
        },
      },
    },
  })
  async get(
    @CurrentPrincipal() p: Principal,
    @Query() q: StatsQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const s = await this.stats.forCaller(p);
    reply
      .header('Cache-Control', 'no-store')
      .header('Last-Modified', new Date(s.asOf).toUTCString());
    if (q.format === 'csv') {
      await reply.type('text/csv; charset=utf-8').send(statsCsv(s));
      return;
    }
    await reply.send(s);
  }
}
