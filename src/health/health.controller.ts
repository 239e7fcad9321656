import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../access/roles.decorator';
import { HealthResponse } from './health.dto';

/**
 * The probe of load balancers and operators (README "Health"), outside the API under
 * /api/v1 and its document: it answers no client error a lender could act on.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

  /** 200 with the database's status when ready, 503 otherwise; says which Node runs it. */
  @Public()
  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  async check(): Promise<HealthResponse> {
    const result = await this.health.check([
      () => this.db.pingCheck('database', { connection: this.dataSource, timeout: 2000 }),
    ]);
    return {
      status: 'ok',
      info: { database: { status: result.info?.database?.status ?? 'up' } },
      error: {},
      details: { database: { status: result.details.database?.status ?? 'up' } },
      node: process.version,
    };
  }
}
