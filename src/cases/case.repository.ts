import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { Cursor } from '../common/pagination';
import type { CaseStatus } from '../workflow/states';
import { caseFromListRow, caseListQuery } from './case-list.query';
import { CaseRecord } from './case.entity';

export interface CaseListFilter {
  status?: CaseStatus;
  /** A case number, or the start of the borrower's name. */
  q?: string;
  /** Lender filters. */
  lenderResponseDueBefore?: Date;
  contractNumber?: string;
  limit: number;
  /** After this (createdAt, id), newest first. */
  after?: Cursor;
}

/**
 * "Who sees a case" (workflow.md), as SQL: the rule lives in the query, so a
 * case the caller may not see is never loaded at all.
 */
function whereVisible(
  qb: SelectQueryBuilder<CaseRecord>,
  p: Principal,
): SelectQueryBuilder<CaseRecord> {
  switch (p.role) {
    case 'borrower':
      return qb.andWhere('c.borrower_id = :visUser', { visUser: p.userId });
    case 'lender':
      // Never before review passes: only once the lender was notified.
      return qb
        .andWhere('c.lender_organization_id = :visOrg', { visOrg: p.organizationId })
        .andWhere('c.lender_notified_at IS NOT NULL');
    case 'mediator':
      return qb.andWhere('c.mediator_id = :visUser', { visUser: p.userId });
    case 'clerk':
      return qb.andWhere('c.mediation_center_id = :visOrg', { visOrg: p.organizationId });
    case 'admin':
      return qb;
  }
}

@Injectable()
export class CaseRepository {
  private base(manager: EntityManager): SelectQueryBuilder<CaseRecord> {
    return manager
      .createQueryBuilder(CaseRecord, 'c')
      .leftJoinAndSelect('c.borrower', 'borrower')
      .leftJoinAndSelect('c.lenderOrganization', 'lender')
      .leftJoinAndSelect('c.mediationCenter', 'center')
      .leftJoinAndSelect('c.mediator', 'mediator');
  }

  findVisible(manager: EntityManager, p: Principal, id: string): Promise<CaseRecord | null> {
    return whereVisible(this.base(manager).where('c.id = :id', { id }), p).getOne();
  }

  /**
   * Locks the case row for a transition (serialising racing actions on one
   * case) if the caller may see it. Locks only `cases`, not the joined rows.
   */
  async lockVisible(manager: EntityManager, p: Principal, id: string): Promise<CaseRecord | null> {
    const locked = await whereVisible(
      manager.createQueryBuilder(CaseRecord, 'c').select('c.id').where('c.id = :id', { id }),
      p,
    )
      .setLock('pessimistic_write')
      .getOne();
    return locked ? this.reload(manager, id) : null;
  }

  async lockById(manager: EntityManager, id: string): Promise<CaseRecord | null> {
    const locked = await manager
      .createQueryBuilder(CaseRecord, 'c')
      .select('c.id')
      .where('c.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    return locked ? this.reload(manager, id) : null;
  }

  reload(manager: EntityManager, id: string): Promise<CaseRecord> {
    return this.base(manager).where('c.id = :id', { id }).getOneOrFail();
  }

  async list(manager: EntityManager, p: Principal, f: CaseListFilter): Promise<CaseRecord[]> {
    const { sql, params } = caseListQuery(p, f);
    const rows: Record<string, unknown>[] = await manager.query(sql, params);
    return rows.map(caseFromListRow);
  }

  /** Cases whose deadline has passed, locked for the one sweeper that gets them. */
  async lockOverdue(
    manager: EntityManager,
    now: Date,
    limit: number,
    caseId: string | null = null,
  ): Promise<{ id: string; action: 'expire_lender_response' | 'expire_term' }[]> {
    const rows: { id: string; action: 'expire_lender_response' | 'expire_term' }[] =
      await manager.query(
        `SELECT id,
              CASE WHEN status = 'lender_notified' AND lender_response_due_at <= $1
                   THEN 'expire_lender_response' ELSE 'expire_term' END AS action
         FROM cases
        WHERE ((status = 'lender_notified' AND lender_response_due_at <= $1)
           OR (status IN ('lender_notified', 'awaiting_session', 'session_scheduled', 'awaiting_signatures')
               AND mediation_due_at <= $1))
          AND ($3::uuid IS NULL OR id = $3)
        ORDER BY id
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
        [now, limit, caseId],
      );
    return rows;
  }
}
