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

/**
 * The centre's figures, from the timeline: each event counted in the Beijing month it
 * happened. Scoped by the one visibility rule (a clerk their centre, an admin every case).
 */
@Injectable()
export class StatsRepository {
  async months(manager: EntityManager, p: Principal): Promise<MonthRow[]> {
    const { bind, params } = parameters();
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT to_char(e.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
              count(*) FILTER (WHERE e.action = 'file') AS filed,
              count(*) FILTER (WHERE e.action = 'accept') AS accepted,
              count(*) FILTER (WHERE e.to_status = 'settled' AND e.from_status <> 'settled') AS settled,
              count(*) FILTER (WHERE e.action = 'withdraw') AS withdrawn,
              count(*) FILTER (WHERE e.action = 'lender_decline') AS lender_declined,
              count(*) FILTER (WHERE e.action = 'expire_lender_response') AS lender_no_response,
              count(*) FILTER (WHERE e.action = 'close_unsuccessful') AS no_agreement,
              count(*) FILTER (WHERE e.action = 'expire_term') AS term_expired
         FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE ${caseVisibility(p, bind)}
        GROUP BY 1 ORDER BY 1`,
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

  /** Per lender (`lender`), per overdue reason (`reason`), or all together (`all`). */
  async groups(
    manager: EntityManager,
    p: Principal,
    by: 'lender' | 'reason' | 'all',
  ): Promise<GroupRow[]> {
    const { bind, params } = parameters();
    const key = { lender: 'lo.name', reason: 'c.overdue_reason', all: `'all'` }[by];
    const rows: Record<string, unknown>[] = await manager.query(
      `WITH per_case AS (
         SELECT c.id, ${key} AS key, c.status, c.created_at, c.lender_notified_at,
                (SELECT min(e.created_at) FROM case_events e
                  WHERE e.case_id = c.id AND e.to_status = 'settled') AS settled_at,
                (SELECT min(e.created_at) FROM case_events e
                  WHERE e.case_id = c.id AND e.action IN ('lender_accept', 'lender_decline')) AS answered_at
           FROM cases c JOIN organizations lo ON lo.id = c.lender_organization_id
          WHERE ${caseVisibility(p, bind)})
       SELECT key, count(*) AS filed,
              count(*) FILTER (WHERE status = 'settled') AS settled,
              count(*) FILTER (WHERE status = 'unsuccessful') AS unsuccessful,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM settled_at - created_at) / 86400)
                FILTER (WHERE settled_at IS NOT NULL) AS settle_days_median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM settled_at - created_at) / 86400)
                FILTER (WHERE settled_at IS NOT NULL) AS settle_days_p90,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - lender_notified_at) / 3600)
                FILTER (WHERE answered_at IS NOT NULL) AS answer_hours_median
         FROM per_case GROUP BY key ORDER BY key`,
      params,
    );
    return rows.map((r) => ({
      key: String(r.key),
      filed: Number(r.filed),
      settled: Number(r.settled),
      unsuccessful: Number(r.unsuccessful),
      settleDaysMedian: num(r.settle_days_median),
      settleDaysP90: num(r.settle_days_p90),
      answerHoursMedian: num(r.answer_hours_median),
    }));
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
