import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class StatsQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class StatsMonth {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() filed: number;
  @ApiProperty() accepted: number;
  @ApiProperty() settled: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty({ description: 'Unsuccessful, by reason' }) lenderDeclined: number;
  @ApiProperty() lenderNoResponse: number;
  @ApiProperty() noAgreement: number;
  @ApiProperty() termExpired: number;
}

export class StatsGroup {
  @ApiProperty({ description: 'The lender’s name, the overdue reason, or `all`' }) key: string;
  @ApiProperty() filed: number;
  @ApiProperty() settled: number;
  @ApiProperty() unsuccessful: number;
  @ApiProperty({ type: Number, nullable: true, description: 'settled / (settled + unsuccessful)' })
  settlementRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Days from filing to settlement' })
  settleDaysMedian: number | null;
  @ApiProperty({ type: Number, nullable: true }) settleDaysP90: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Hours from notice to the lender’s answer',
  })
  answerHoursMedian: number | null;
}

/** The repayment plans of settled cases, as of today in Beijing. */
export class StatsPlans {
  @ApiProperty({ description: 'Running, and no installment unpaid beyond its grace days' })
  kept: number;
  @ApiProperty({
    description: 'Running, with an installment unpaid more than the grace days after its due date',
  })
  late: number;
  @ApiProperty({ description: 'Paid in full' }) completed: number;
}

export class StatsResponse {
  @ApiProperty({ type: [StatsMonth] }) months: StatsMonth[];
  @ApiProperty({ type: StatsGroup }) overall: StatsGroup;
  @ApiProperty({ type: [StatsGroup] }) byLender: StatsGroup[];
  @ApiProperty({ type: [StatsGroup] }) byReason: StatsGroup[];
  @ApiProperty({ type: StatsPlans }) plans: StatsPlans;
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-02T06:00:00.000Z',
    description:
      'When these figures were computed: they are kept per scope and computed again at most every STATS_REFRESH_SECONDS (default 60), never answered older than STATS_MAX_AGE_SECONDS (default 900)',
  })
  asOf: string;
}
