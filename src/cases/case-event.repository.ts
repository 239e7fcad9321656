import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseEvent } from './case-event.entity';
import type { EventActor } from './case-action.types';
import type { Principal } from '../access/principal';
import { caseVisibility, parameters } from './case-visibility';
import { queryNamed } from '../common/prepared-statement';

/** A timeline row as the timeline shows it (the entity's fields, without the case). */
export type CaseEventRow = Omit<CaseEvent, 'case'>;

export interface NewCaseEvent {
  caseId: string;
  action: string;
  from: string | null;
  to: string;
  actor: EventActor;
  input: Record<string, unknown>;
  at: Date;
}

/** The timeline: appended to by filing and by every action, never changed (a trigger refuses it). */
@Injectable()
export class CaseEventRepository {
  append(manager: EntityManager, e: NewCaseEvent): Promise<CaseEvent> {
    return manager.save(
      CaseEvent,
      manager.create(CaseEvent, {
        caseId: e.caseId,
        action: e.action,
        fromStatus: e.from,
        toStatus: e.to,
        actorRole: e.actor.role,
        actorUserId: e.actor.userId,
        actorApiKeyId: e.actor.apiKeyId,
        actorOrganizationId: e.actor.organizationId,
        input: e.input,
        createdAt: e.at,
      }),
    );
  }

  /**
   * The timeline of a case the caller may see, oldest first; null when they may not see it.
   * One statement: the case's visibility and its events together (the case row left-joined
   * to its events, so a visible case always answers at least one row), mapped by hand.
   */
  async listVisible(
    manager: EntityManager,
    p: Principal,
    caseId: string,
  ): Promise<CaseEventRow[] | null> {
    const { bind, params } = parameters();
    const rows = await queryNamed<TimelineRow>(
      manager,
      `SELECT e.id, e.action, e.from_status, e.to_status, e.actor_role, e.actor_user_id,
              e.actor_api_key_id, e.actor_organization_id, e.input, e.created_at
         FROM cases c
         LEFT JOIN case_events e ON e.case_id = c.id
        WHERE c.id = ${bind(caseId)} AND ${caseVisibility(p, bind)}
        ORDER BY e.id`,
      params,
    );
    if (rows.length === 0) return null;
    return rows
      .filter((r): r is TimelineRow & { id: string } => r.id !== null)
      .map((r) => ({
        id: r.id,
        caseId,
        action: r.action,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        actorRole: r.actor_role,
        actorUserId: r.actor_user_id,
        actorApiKeyId: r.actor_api_key_id,
        actorOrganizationId: r.actor_organization_id,
        input: r.input,
        createdAt: r.created_at,
      }));
  }
}

/** A row of the timeline statement: all null for a visible case without events. */
interface TimelineRow {
  id: string | null;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_role: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_organization_id: string | null;
  input: Record<string, unknown>;
  created_at: Date;
}
