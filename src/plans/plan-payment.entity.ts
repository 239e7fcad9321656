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
import type { Allocation } from './allocation';

/** `borrower_report`: a payment the borrower reported with proof and the lender confirmed. */
export const PAYMENT_SOURCES = ['lender', 'import', 'borrower_report'] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

/**
 * A payment the lender reported, with its own reference (unique per case: reporting it again
 * applies nothing) and the shares it was split into. Never changed once written.
 */
@Entity('plan_payments')
@Index('plan_payments_case_reference_key', ['caseId', 'reference'], { unique: true })
@Check('plan_payments_amount_check', `"amount_fen" > 0`)
@Check('plan_payments_source_check', `"source" IN ${sqlList(PAYMENT_SOURCES)}`)
export class PlanPayment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'plan_payments_case_fk' })
  case?: CaseRecord;

  @Column('text')
  reference: string;

  @Column('bigint', { transformer: fenColumn })
  amountFen: number;

  /** The day the money arrived, `YYYY-MM-DD` (Asia/Shanghai), as the lender reports it. */
  @Column('date')
  paidOn: string;

  @Column('text')
  source: PaymentSource;

  @Column('jsonb')
  allocation: Allocation[];

  @Column('uuid', { nullable: true })
  recordedByUserId: string | null;

  @Column('uuid', { nullable: true })
  recordedByApiKeyId: string | null;

  @Column('timestamptz')
  createdAt: Date;
}
