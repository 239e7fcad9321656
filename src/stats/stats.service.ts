import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { beijingDate } from '../calendar/calendar-date';
import type { Principal } from '../access/principal';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { JobsService } from '../jobs/jobs.service';
import type { StatsGroup, StatsResponse } from './stats.dto';
import { StatsRepository } from './stats.repository';
import type { GroupRow } from './stats.repository';
import { parseStatsScope, scopePrincipal, statsScope } from './stats-scope';
import type { StatsScope } from './stats-scope';
import { StatsSnapshotRepository } from './stats-snapshot.repository';
import type { StoredSnapshot } from './stats-snapshot.repository';

/** Computes a scope's figures again, unless done within STATS_REFRESH_SECONDS (key `stats:<scope>`). */
export const STATS_REFRESH_TASK = 'stats_refresh';

/** What a snapshot holds: the response but for `asOf`, its `computed_at`. */
type Figures = Omit<StatsResponse, 'asOf'>;
type Snapshot = StoredSnapshot<Figures>;

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

const answer = (s: Snapshot): StatsResponse => ({ ...s.body, asOf: s.computedAt.toISOString() });

/**
 * The centre's statistics (`GET /api/v1/stats`, `/stats`): computed in SQL from the timeline,
 * per scope (stats-scope.ts), and kept as a snapshot (docs/performance.md "Statistics"). A
 * snapshot younger than STATS_REFRESH_SECONDS is answered as it is; one younger than
 * STATS_MAX_AGE_SECONDS too, and a job computes the next; else the figures are computed before
 * answering, once for all the requests that wait for them.
 */
@Injectable()
export class StatsService implements OnModuleInit {
  private readonly logger = new Logger('Stats');
  /** The computations this process waits for, by scope: its concurrent requests share one. */
  private readonly computing = new Map<string, Promise<StatsResponse>>();
  /** The snapshot this process last read or computed, by scope. */
  private readonly held = new Map<string, Snapshot>();
  /** The snapshot (its computed_at) whose refresh this process last queued, by scope, and when. */
  private readonly queued = new Map<string, { of: number; at: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly stats: StatsRepository,
    private readonly snapshots: StatsSnapshotRepository,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(STATS_REFRESH_TASK, async (payload) => {
      await this.refresh(payload.scope);
    });
  }

  async forCaller(p: Principal): Promise<StatsResponse> {
    const scope = statsScope(p);
    // This process's last read answers while fresh, without asking the database.
    const held = this.held.get(scope.key);
    if (held && this.within(held, this.config.statsRefreshSeconds)) return answer(held);
    const found = await this.snapshots.read<Figures>(this.dataSource.manager, scope.key);
    if (found) this.held.set(scope.key, found);
    if (found && this.within(found, this.config.statsRefreshSeconds)) return answer(found);
    if (found && this.within(found, this.config.statsMaxAgeSeconds)) {
      await this.queueRefresh(scope, found);
      return answer(found);
    }
    const running = this.computing.get(scope.key);
    if (running) return running;
    const computed = this.compute(scope, this.config.statsMaxAgeSeconds)
      .then((r) => {
        this.held.set(scope.key, r.snapshot);
        return answer(r.snapshot);
      })
      .finally(() => this.computing.delete(scope.key));
    this.computing.set(scope.key, computed);
    return computed;
  }

  /**
   * The refresh job (idempotent): computes the scope's figures unless a request or another
   * job did within STATS_REFRESH_SECONDS. Returns whether it computed them.
   */
  async refresh(key: unknown): Promise<boolean> {
    const scope = parseStatsScope(key);
    if (!scope) return false;
    const r = await this.compute(scope, this.config.statsRefreshSeconds);
    this.held.set(scope.key, r.snapshot);
    return r.computed;
  }

  /** Whether the snapshot is younger than `seconds` (one from a later instant is not). */
  private within(s: Snapshot, seconds: number): boolean {
    const age = this.clock.now().getTime() - s.computedAt.getTime();
    return age >= 0 && age < seconds * 1000;
  }

  /** Queues the scope's refresh once per snapshot (again only after STATS_REFRESH_SECONDS). */
  private async queueRefresh(scope: StatsScope, s: Snapshot): Promise<void> {
    const of = s.computedAt.getTime();
    const now = this.clock.now().getTime();
    const last = this.queued.get(scope.key);
    if (last && last.of === of && now - last.at < this.config.statsRefreshSeconds * 1000) return;
    this.queued.set(scope.key, { of, at: now });
    try {
      await this.jobs.enqueue(
        this.dataSource.manager,
        STATS_REFRESH_TASK,
        { scope: scope.key },
        { jobKey: `stats:${scope.key}`, maxAttempts: 3 },
      );
    } catch (e) {
      // The figures answered are still within STATS_MAX_AGE_SECONDS; the next request retries.
      this.queued.delete(scope.key);
      this.logger.warn(`could not queue the refresh of ${scope.key}: ${(e as Error).message}`);
    }
  }

  /**
   * Under the scope's lock: the stored snapshot if it is younger than `seconds` (someone
   * computed it while this waited), else the figures computed now, stored.
   */
  private compute(
    scope: StatsScope,
    seconds: number,
  ): Promise<{ snapshot: Snapshot; computed: boolean }> {
    return this.dataSource.transaction(async (m) => {
      await this.snapshots.lock(m, scope.key);
      const found = await this.snapshots.read<Figures>(m, scope.key);
      if (found && this.within(found, seconds)) return { snapshot: found, computed: false };
      const computedAt = this.clock.now();
      const body = await this.figures(m, scope, computedAt);
      await this.snapshots.store(m, scope.key, computedAt, body);
      return { snapshot: { computedAt, body }, computed: true };
    });
  }

  /** The figures, one query after the other on the lock's connection (it holds no other). */
  private async figures(m: EntityManager, scope: StatsScope, at: Date): Promise<Figures> {
    const p = scopePrincipal(scope);
    // A background computation: one core (no parallel workers) and room to sort in memory.
    await m.query(
      `SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('work_mem', '32MB', true)`,
    );
    const months = await this.stats.months(m, p);
    const groups = await this.stats.groups(m, p);
    const plans = await this.stats.plans(m, p, beijingDate(at));
    return {
      months,
      overall: group(groups.all ?? EMPTY),
      byLender: groups.byLender.map(group),
      byReason: groups.byReason.map(group),
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
