import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseEvent } from '../cases/case-event.entity';
import { PlanInstallment } from './plan-installment.entity';

/** The SQL of the plan's life after settlement: reminders' markers, late marking, lender acts. */
@Injectable()
export class PlanLifeRepository {
  installment(manager: EntityManager, id: string): Promise<PlanInstallment | null> {
    return manager.findOne(PlanInstallment, { where: { id } });
  }

  /** The installment, locked: a payment, a reminder and a late marking of it wait for each other. */
  lockInstallment(manager: EntityManager, id: string): Promise<PlanInstallment | null> {
    return manager.findOne(PlanInstallment, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The reminder's sent-marker; false when it was there already (sent before: send nothing). */
  async markReminded(
    manager: EntityManager,
    i: Pick<PlanInstallment, 'id' | 'caseId' | 'dueDate'>,
    at: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO plan_reminders (installment_id, case_id, due_date, sent_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (installment_id) DO NOTHING RETURNING installment_id`,
      [i.id, i.caseId, i.dueDate, at],
    );
    return rows.length === 1;
  }

  async markLate(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.update(PlanInstallment, { id }, { state: 'late', lateAt: at });
  }

  /** The last plan event of this action on the case's timeline (an act already recorded). */
  lastEvent(manager: EntityManager, caseId: string, action: string): Promise<CaseEvent | null> {
    return manager.findOne(CaseEvent, { where: { caseId, action }, order: { id: 'DESC' } });
  }
}
