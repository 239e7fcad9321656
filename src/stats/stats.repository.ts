import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { caseVisibility, parameters } from '../cases/case-visibility';

export interface MonthRow {
  month: string;
  filed: number;
  accepted: number;
  settled: number;
  withdrawn: number;
  lenderDeclined: number;
  lenderNoResponse: number;
  noAgreement: number;
  termExpired: number;
}

export interface GroupRow {
  key: string;
  filed: number;
  settled: number;
  unsuccessful: number;
  settleDaysMedian: number | null;
  settleDaysP90: number | null;
  answerHoursMedian: number | null;
}

export interface PlanRow {
  kept: number;
  late: number;
  completed: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Each case's ending as the months count it: a closure reason for an unsuccessful one. */
const ENDING = `CASE c.status WHEN 'unsuccessful' THEN c.closure_reason ELSE c.status END`;
const month = (column: string) => `date_trunc('month', ${column} AT TIME ZONE 'Asia/Shanghai')`;

/**
 * The centre's figures, each step counted in the Beijing month it happened. They come from the
 * milestones the one writer of a case's status keeps on its row, the same instants as the
 * timeline's (migration 1796540000000): `created_at` (filed), `lender_notified_at` (accepted),
 * `closed_at` (settled, withdrawn, unsuccessful), `lender_answered_at`. So each figure is one
 * pass over the cases in scope, not a search of the timeline (docs/performance.md
 * "Statistics"). Scoped by the one visibility rule (a clerk their centre, an admin every case).
 */
@Injectable()
export class StatsRepository {
  async months(manager: EntityManager, p: Principal): Promise<MonthRow[]> {
    const { bind, params } = parameters();
    // One pass groups the cases by their three months and ending (a few hundred groups);
    // the outer query then counts each group once per month it falls in.
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH combos AS (
         SELECT ${month('c.created_at')} AS filed_m, ${month('c.lender_notified_at')} AS accepted_m,
                ${month('c.closed_at')} AS closed_m, ${ENDING} AS ending, count(*) AS n
           FROM cases c
          WHERE ${caseVisibility(p, bind)}
          GROUP BY 1, 2, 3, 4)
       SELECT to_char(x.m, 'YYYY-MM') AS month,
              coalesce(sum(combos.n) FILTER (WHERE x.kind = 'filed'), 0) AS filed,
              coalesce(sum(combos.n) FILTER (WHERE x.kind = 'accepted'), 0) AS accepted,
              coalesce(sum(combos.n) FILTER (WHERE x.kind = 'settled'), 0) AS settled,
              coalesce(sum(combos.n) FILTER (WHERE x.kind = 'withdrawn'), 0) AS withdrawn,
              coalesce(sum(combos.n) FILTER (WHERE x.kind = 'lender_declined'), 0) AS lender_declined,
              coalesce(sum(combos.n) FILTER (WHERE x.kind = 'lender_no_response'), 0) AS lender_no_response,
              coalesce(sum(combos.n) FILTER (WHERE x.kind = 'no_agreement'), 0) AS no_agreement,
              coalesce(sum(combos.n) FILTER (WHERE x.kind = 'term_expired'), 0) AS term_expired
         FROM combos
        CROSS JOIN LATERAL (VALUES (combos.filed_m, 'filed'), (combos.accepted_m, 'accepted'),
                                   (combos.closed_m, combos.ending)) AS x(m, kind)
        WHERE x.m IS NOT NULL
        GROUP BY x.m ORDER BY x.m`,
      params,
    );
    return rows.map((r) => ({
      month: String(r.month),
      filed: Number(r.filed),
      accepted: Number(r.accepted),
      settled: Number(r.settled),
      withdrawn: Number(r.withdrawn),
      lenderDeclined: Number(r.lender_declined),
      lenderNoResponse: Number(r.lender_no_response),
      noAgreement: Number(r.no_agreement),
      termExpired: Number(r.term_expired),
    }));
  }

  /**
   * All together, per lender (keyed by its name) and per overdue reason (keyed by the
   * reason), in one pass: grouping sets over the cases in scope.
   */
  async groups(
    manager: EntityManager,
    p: Principal,
  ): Promise<{ all: GroupRow | null; byLender: GroupRow[]; byReason: GroupRow[] }> {
    const { bind, params } = parameters();
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH per_case AS (
         SELECT c.lender_organization_id AS lender, c.overdue_reason AS reason, c.status,
                c.created_at, c.lender_notified_at, c.lender_answered_at,
                CASE WHEN c.status = 'settled' THEN c.closed_at END AS settled_at
           FROM cases c
          WHERE ${caseVisibility(p, bind)}),
       grouped AS (
         SELECT GROUPING(lender, reason) AS grouping, lender, reason, count(*) AS filed,
                count(*) FILTER (WHERE status = 'settled') AS settled,
                count(*) FILTER (WHERE status = 'unsuccessful') AS unsuccessful,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM settled_at - created_at) / 86400)
                  FILTER (WHERE settled_at IS NOT NULL) AS settle_days_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM settled_at - created_at) / 86400)
                  FILTER (WHERE settled_at IS NOT NULL) AS settle_days_p90,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM lender_answered_at - lender_notified_at) / 3600)
                  FILTER (WHERE lender_answered_at IS NOT NULL) AS answer_hours_median
           FROM per_case GROUP BY GROUPING SETS ((), (lender), (reason)))
       SELECT g.*, CASE g.grouping WHEN 1 THEN lo.name WHEN 2 THEN g.reason ELSE 'all' END AS key
         FROM grouped g LEFT JOIN organizations lo ON lo.id = g.lender
        ORDER BY g.grouping, key`,
      params,
    );
    const group = (r: Record<string, unknown>): GroupRow => ({
      key: String(r.key),
      filed: Number(r.filed),
      settled: Number(r.settled),
      unsuccessful: Number(r.unsuccessful),
      settleDaysMedian: num(r.settle_days_median),
      settleDaysP90: num(r.settle_days_p90),
      answerHoursMedian: num(r.answer_hours_median),
    });
    // GROUPING(lender, reason): 1 when grouped by lender, 2 by reason, 3 all together.
    const of = (grouping: number) => rows.filter((r) => Number(r.grouping) === grouping).map(group);
    return { all: of(3)[0] ?? null, byLender: of(1), byReason: of(2) };
  }

  /**
   * The plans kept, late and completed on `today` (Beijing). Late as docs/plans.md defines it:
   * an installment unpaid more than the plan's grace days after its due date, whether or not
   * it was already marked `late`, so the figure does not wait for the marking job.
   */
  async plans(manager: EntityManager, p: Principal, today: string): Promise<PlanRow> {
    const { bind, params } = parameters();
    const day = bind(today);
    const [r]: Record<string, unknown>[] = await manager.query(
      `WITH plans AS (
         SELECT pp.status, EXISTS (
                  SELECT 1 FROM plan_installments i
                   WHERE i.case_id = pp.case_id
                     AND (i.state = 'late'
                          OR (i.state IN ('due', 'partly_paid') AND i.due_date + pp.grace_days < ${day}::date))
                ) AS late
           FROM payment_plans pp JOIN cases c ON c.id = pp.case_id
          WHERE ${caseVisibility(p, bind)})
       SELECT count(*) FILTER (WHERE status = 'active' AND NOT late) AS kept,
              count(*) FILTER (WHERE status = 'active' AND late) AS late,
              count(*) FILTER (WHERE status = 'completed') AS completed
         FROM plans`,
      params,
    );
    return { kept: Number(r.kept), late: Number(r.late), completed: Number(r.completed) };
  }
}
