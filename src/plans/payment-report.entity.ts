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
import { PlanPayment } from './plan-payment.entity';

export const PAYMENT_REPORT_STATUSES = ['reported', 'confirmed', 'disputed'] as const;
export type PaymentReportStatus = (typeof PAYMENT_REPORT_STATUSES)[number];

/**
 * A payment the borrower says they made, with the proof they uploaded. Nothing is applied to
 * the plan until the lender confirms it: then it becomes a `plan_payments` row (its reference
 * names this report, so it is applied once) and `paymentId` points at it. A disputed report
 * keeps the lender's reason and applies nothing.
 */
@Entity('plan_payment_reports')
@Index('plan_payment_reports_case_idx', ['caseId', 'reportedAt'])
@Check('plan_payment_reports_amount_check', `"amount_fen" > 0`)
@Check('plan_payment_reports_status_check', `"status" IN ${sqlList(PAYMENT_REPORT_STATUSES)}`)
@Check(
  'plan_payment_reports_decision_check',
  `("status" = 'reported' AND "decided_at" IS NULL AND "payment_id" IS NULL AND "dispute_reason" IS NULL) OR ("status" = 'confirmed' AND "decided_at" IS NOT NULL AND "payment_id" IS NOT NULL) OR ("status" = 'disputed' AND "decided_at" IS NOT NULL AND "dispute_reason" IS NOT NULL)`,
)
export class PaymentReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'plan_payment_reports_case_fk' })
  case?: CaseRecord;

  @Column('bigint', { transformer: fenColumn })
  amountFen: number;

  /** The day the borrower says the money left, `YYYY-MM-DD` (Asia/Shanghai). */
  @Column('date')
  paidOn: string;

  @Column('text')
  status: PaymentReportStatus;

  @Column('uuid')
  reportedByUserId: string;

  @Column('timestamptz')
  reportedAt: Date;

  /** The proof, stored as evidence is: the type read from its bytes, under DATA_DIR. */
  @Column('text')
  filename: string;

  @Column('text')
  mimeType: string;

  @Column('integer')
  sizeBytes: number;

  @Column('text')
  sha256: string;

  @Column('text')
  storagePath: string;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('uuid', { nullable: true })
  decidedByUserId: string | null;

  @Column('uuid', { nullable: true })
  decidedByApiKeyId: string | null;

  @Column('text', { nullable: true })
  disputeReason: string | null;

  @Column('uuid', { nullable: true })
  paymentId: string | null;

  @ManyToOne(() => PlanPayment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id', foreignKeyConstraintName: 'plan_payment_reports_payment_fk' })
  payment?: PlanPayment | null;
}
