import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { Cursor } from '../common/pagination';
import type { CaseStatus } from '../workflow/states';
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

  list(manager: EntityManager, p: Principal, f: CaseListFilter): Promise<CaseRecord[]> {
    const qb = whereVisible(this.base(manager).where('TRUE'), p);
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.q) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('c.case_number = :qExact', { qExact: f.q!.toUpperCase() })
            .orWhere('c.borrower_name LIKE :qPrefix', { qPrefix: `${escapeLike(f.q!)}%` }),
        ),
      );
    }
    if (f.lenderResponseDueBefore) {
      qb.andWhere('c.lender_response_due_at < :dueBefore', {
        dueBefore: f.lenderResponseDueBefore,
      });
    }
    if (f.contractNumber)
      qb.andWhere('c.loan_contract_number = :contract', { contract: f.contractNumber });
    if (f.after) {
      qb.andWhere('(c.created_at, c.id) < (:afterAt, :afterId)', {
        afterAt: f.after.at,
        afterId: f.after.id,
      });
    }
    return qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(f.limit + 1)
      .getMany();
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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
