import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { beijingDate } from '../calendar/calendar-date';
import { Clock } from '../common/clock';
import type { StatsGroup, StatsResponse } from './stats.dto';
import { StatsRepository } from './stats.repository';
import type { GroupRow } from './stats.repository';

const round = (v: number | null, digits = 1) =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

function group(r: GroupRow): StatsGroup {
  const closed = r.settled + r.unsuccessful;
  return {
    ...r,
    settlementRate: closed ? round(r.settled / closed, 3) : null,
    settleDaysMedian: round(r.settleDaysMedian),
    settleDaysP90: round(r.settleDaysP90),
    answerHoursMedian: round(r.answerHoursMedian),
  };
}

const EMPTY: GroupRow = {
  key: 'all',
  filed: 0,
  settled: 0,
  unsuccessful: 0,
  settleDaysMedian: null,
  settleDaysP90: null,
  answerHoursMedian: null,
};

/** The centre's statistics (`GET /api/v1/stats`, `/stats`): computed in SQL from the timeline. */
@Injectable()
export class StatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stats: StatsRepository,
    private readonly clock: Clock,
  ) {}

  async forCaller(p: Principal): Promise<StatsResponse> {
    const m = this.dataSource.manager;
    const [months, all, byLender, byReason, plans] = await Promise.all([
      this.stats.months(m, p),
      this.stats.groups(m, p, 'all'),
      this.stats.groups(m, p, 'lender'),
      this.stats.groups(m, p, 'reason'),
      this.stats.plans(m, p, beijingDate(this.clock.now())),
    ]);
    return {
      months,
      overall: group(all[0] ?? EMPTY),
      byLender: byLender.map(group),
      byReason: byReason.map(group),
      plans,
    };
  }
}

/** The monthly figures as CSV (a header, one line per month). */
export function statsCsv(s: StatsResponse): string {
  const cols = [
    'month',
    'filed',
    'accepted',
    'settled',
    'withdrawn',
    'lenderDeclined',
    'lenderNoResponse',
    'noAgreement',
    'termExpired',
  ] as const;
  const lines = s.months.map((m) => cols.map((c) => m[c]).join(','));
  return `${[cols.join(','), ...lines].join('\n')}\n`;
}
