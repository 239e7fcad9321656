import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { PlanInstallment } from './plan-installment.entity';

/**
 * The marker that an installment's reminder went out: written in the transaction that queues
 * its mail and in-app notice, its key the installment, so a job run twice (a restart, two
 * workers) finds it and sends nothing the second time.
 */
@Entity('plan_reminders')
export class PlanReminder {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'plan_reminders_pkey' })
  installmentId: string;

  @ManyToOne(() => PlanInstallment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'installment_id', foreignKeyConstraintName: 'plan_reminders_installment_fk' })
  installment?: PlanInstallment;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'plan_reminders_case_fk' })
  case?: CaseRecord;

  /** The due date it reminded of (`YYYY-MM-DD`, Beijing). */
  @Column('date')
  dueDate: string;

  @Column('timestamptz')
  sentAt: Date;
}
