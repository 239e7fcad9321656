import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { fenColumn } from '../common/money';
import { sqlList } from '../workflow/states';
import type { InstallmentState } from './allocation';

export const INSTALLMENT_STATES: readonly InstallmentState[] = [
  'due',
  'paid',
  'partly_paid',
  'late',
  'waived',
];

/**
 * One installment of a plan. What was paid on it and what the lender waived of it never exceed
 * its amount together (a CHECK), so the plan's paid + waived + owed + remaining is the sealed
 * amount; the payments that filled it are kept append-only in `plan_payments` with their
 * shares, a waiver as its `installment_waived` event. Only a `waived` installment has a
 * waived amount, and it always has one.
 */
@Entity('plan_installments')
@Index('plan_installments_case_seq_key', ['caseId', 'seq'], { unique: true })
@Check('plan_installments_state_check', `"state" IN ${sqlList(INSTALLMENT_STATES)}`)
@Check(
  'plan_installments_paid_check',
  `"paid_fen" >= 0 AND "waived_fen" >= 0 AND "paid_fen" + "waived_fen" <= "amount_fen"`,
)
@Check('plan_installments_waived_check', `("state" = 'waived') = ("waived_fen" > 0)`)
export class PlanInstallment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'plan_installments_case_fk' })
  case?: CaseRecord;

  @Column('integer')
  seq: number;

  /** `YYYY-MM-DD`, Asia/Shanghai. */
  @Column('date')
  dueDate: string;

  @Column('bigint', { transformer: fenColumn })
  amountFen: number;

  @Column('bigint', { transformer: fenColumn, default: 0 })
  paidFen: number;

  @Column('bigint', { transformer: fenColumn, default: 0 })
  waivedFen: number;

  @Column('text')
  state: InstallmentState;

  @Column('timestamptz', { nullable: true })
  lateAt: Date | null;
}
