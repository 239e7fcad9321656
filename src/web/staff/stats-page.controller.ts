import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/principal';
import { CurrentPrincipal, Roles } from '../../access/roles.decorator';
import type { StatsGroup, StatsMonth } from '../../stats/stats.dto';
import { StatsService } from '../../stats/stats.service';
import { PageController } from '../page-controller.decorator';
import { PageRenderer } from '../page-renderer';

const CHART = { width: 640, height: 200, bar: 12, gap: 4 };

/** Bars of filed and settled per month, as server-rendered SVG geometry (no script). */
function monthBars(months: StatsMonth[]) {
  const max = Math.max(1, ...months.map((m) => Math.max(m.filed, m.settled)));
  const slot = Math.max(CHART.bar * 2 + CHART.gap * 3, CHART.width / Math.max(1, months.length));
  const h = (n: number) => Math.round((n / max) * (CHART.height - 20));
  return {
    width: Math.max(CHART.width, slot * months.length),
    height: CHART.height,
    bars: months.map((m, i) => {
      const x = i * slot + CHART.gap;
      return {
        month: m.month,
        filed: { x, y: CHART.height - 16 - h(m.filed), h: h(m.filed), n: m.filed },
        settled: {
          x: x + CHART.bar + CHART.gap,
          y: CHART.height - 16 - h(m.settled),
          h: h(m.settled),
          n: m.settled,
        },
        labelX: x,
      };
    }),
    bar: CHART.bar,
    baseline: CHART.height - 16,
  };
}

const percent = (rate: number | null) => (rate === null ? null : `${(rate * 100).toFixed(1)}%`);

/** `/stats`: what `GET /api/v1/stats` answers the same caller, as SVG charts and tables. */
@PageController('stats')
export class StatsPageController {
  constructor(
    private readonly stats: StatsService,
    private readonly pages: PageRenderer,
  ) {}

  @Roles('clerk', 'admin')
  @Get()
  async show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
  ): Promise<void> {
    const s = await this.stats.forCaller(p);
    // Strings, so that a figure of 0 shows as 0 and only a missing one as a dash.
    const shown = (v: number | null) => (v === null ? null : String(v));
    const withRate = <T extends StatsGroup>(g: T) => ({
      ...g,
      rate: percent(g.settlementRate),
      settleDaysMedian: shown(g.settleDaysMedian),
      settleDaysP90: shown(g.settleDaysP90),
      answerHoursMedian: shown(g.answerHoursMedian),
    });
    return this.pages.render(
      req,
      reply,
      'staff/stats',
      {
        months: s.months,
        overall: withRate(s.overall),
        byLender: s.byLender.map(withRate),
        byReason: s.byReason.map((g) => ({ ...withRate(g), reasonKey: `apply.reasons.${g.key}` })),
        chart: monthBars(s.months),
        plans: s.plans,
        asOf: s.asOf,
      },
      { titleKey: 'stats.title', page: 'stats' },
    );
  }
}
