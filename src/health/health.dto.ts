import { ApiProperty } from '@nestjs/swagger';

class IndicatorStatus {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
}

class HealthIndicators {
  @ApiProperty({ type: IndicatorStatus }) database: IndicatorStatus;
}

/** What /health answers when ready (terminus's result, and the runtime it runs on). */
export class HealthResponse {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ type: HealthIndicators }) info: HealthIndicators;
  @ApiProperty({ type: Object, description: 'Empty when ready' }) error: Record<string, never>;
  @ApiProperty({ type: HealthIndicators }) details: HealthIndicators;
  @ApiProperty({
    example: 'v24.11.1',
    description: 'The Node.js version the service runs on (`engines` asks for ≥ 24.11)',
  })
  node: string;
}
