import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NON_TERMINAL_STATUSES } from '../workflow/states';
import type { Slot } from './session-rules';

export interface MediatorLoadRow {
  id: string;
  name: string;
  openCases: number;
}

/** What a clerk weighs when assigning a case: each mediator's open cases and booked hours. */
@Injectable()
export class MediatorWorkloadRepository {
  /** The centre's active mediators by name, each with the cases they hold that are not closed. */
  async openCases(manager: EntityManager, centerId: string): Promise<MediatorLoadRow[]> {
    const rows: { id: string; name: string; open_cases: string }[] = await manager.query(
      `SELECT u.id, u.name, COUNT(c.id) AS open_cases
         FROM users u
         LEFT JOIN cases c ON c.mediator_id = u.id AND c.status = ANY($2::text[])
        WHERE u.role = 'mediator' AND u.organization_id = $1 AND u.active
        GROUP BY u.id, u.name
        ORDER BY u.name, u.id`,
      [centerId, NON_TERMINAL_STATUSES],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, openCases: Number(r.open_cases) }));
  }

  /** The sessions that are not cancelled and overlap [from, to), per mediator. */
  async busy(
    manager: EntityManager,
    mediatorIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<Map<string, Slot[]>> {
    const rows: { mediator_id: string; starts_at: Date; ends_at: Date }[] = await manager.query(
      `SELECT mediator_id, starts_at, ends_at FROM mediation_sessions
        WHERE mediator_id = ANY($1::uuid[]) AND status <> 'cancelled'
          AND tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)')`,
      [mediatorIds, from, to],
    );
    const byMediator = new Map<string, Slot[]>();
    for (const r of rows) {
      const list = byMediator.get(r.mediator_id) ?? [];
      list.push({ startsAt: r.starts_at, endsAt: r.ends_at });
      byMediator.set(r.mediator_id, list);
    }
    return byMediator;
  }

  /** The mediator's first session, other than `exceptId`, that overlaps the slot, with its case. */
  async firstOverlap(
    manager: EntityManager,
    mediatorId: string,
    slot: Slot,
    exceptId: string | null,
  ): Promise<(Slot & { caseId: string; caseNumber: string }) | null> {
    const rows: { case_id: string; case_number: string; starts_at: Date; ends_at: Date }[] =
      await manager.query(
        `SELECT s.case_id, c.case_number, s.starts_at, s.ends_at
           FROM mediation_sessions s JOIN cases c ON c.id = s.case_id
          WHERE s.mediator_id = $1 AND s.status <> 'cancelled'
            AND tstzrange(s.starts_at, s.ends_at, '[)') && tstzrange($2, $3, '[)')
            AND ($4::uuid IS NULL OR s.id <> $4::uuid)
          ORDER BY s.starts_at LIMIT 1`,
        [mediatorId, slot.startsAt, slot.endsAt, exceptId],
      );
    const r = rows[0];
    return r
      ? { caseId: r.case_id, caseNumber: r.case_number, startsAt: r.starts_at, endsAt: r.ends_at }
      : null;
  }
}
