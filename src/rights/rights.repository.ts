import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NON_TERMINAL_STATUSES } from '../workflow/states';
import { RightsRequest } from './rights-request.entity';

/** The SQL of the rights record, and the few reads of a person's cases its answers need. */
@Injectable()
export class RightsRepository {
  async record(manager: EntityManager, r: Omit<RightsRequest, 'id'>): Promise<RightsRequest> {
    return manager.save(RightsRequest, manager.create(RightsRequest, r));
  }

  list(manager: EntityManager, userId: string): Promise<RightsRequest[]> {
    return manager.find(RightsRequest, { where: { userId }, order: { createdAt: 'ASC' } });
  }

  /** The ids of the cases a borrower filed, oldest first. */
  async caseIdsOf(manager: EntityManager, borrowerId: string, openOnly = false): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM cases WHERE borrower_id = $1 ${openOnly ? 'AND status = ANY($2)' : ''}
        ORDER BY created_at, id`,
      openOnly ? [borrowerId, NON_TERMINAL_STATUSES] : [borrowerId],
    );
    return rows.map((r) => r.id);
  }
}
