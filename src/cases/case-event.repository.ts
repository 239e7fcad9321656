import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseEvent } from './case-event.entity';
import type { EventActor } from './case-action.types';

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

  listForCase(manager: EntityManager, caseId: string): Promise<CaseEvent[]> {
    return manager.find(CaseEvent, { where: { caseId }, order: { id: 'ASC' } });
  }
}
