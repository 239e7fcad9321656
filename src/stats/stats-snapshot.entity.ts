import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The figures of one scope as last computed (docs/performance.md "Statistics"): what
 * `GET /api/v1/stats` answers, without `asOf` (that is `computedAt`). `json`, not `jsonb`: it
 * is never queried into, and kept as written it keeps the response's field order.
 */
@Entity('stats_snapshots')
@Check(
  'stats_snapshots_scope_check',
  `"scope" = 'all' OR "scope" ~ '^centre:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`,
)
export class StatsSnapshot {
  /** `all`, or `centre:<mediation centre id>` (src/stats/stats-scope.ts). */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'stats_snapshots_pkey' })
  scope: string;

  @Column('timestamptz')
  computedAt: Date;

  @Column('json')
  body: unknown;
}
