import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
} from 'typeorm';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { CaseRecord } from '../cases/case.entity';
import { fenColumn } from '../common/money';
import { sqlList } from '../workflow/states';

export const PLAN_STATUSES = ['active', 'completed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * The repayment plan of a settled case: the schedule of the sealed agreement version, made
 * when the mediator confirms it (the `plan:create` effect of confirm_agreement). One per case.
 */
@Entity('payment_plans')
@Check('payment_plans_status_check', `"status" IN ${sqlList(PLAN_STATUSES)}`)
export class PaymentPlan {
  @PrimaryColumn('uuid')
  caseId: string;

  @OneToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'payment_plans_case_fk' })
  case?: CaseRecord;

  @Column('uuid')
  agreementVersionId: string;

  @ManyToOne(() => AgreementVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'agreement_version_id',
    foreignKeyConstraintName: 'payment_plans_agreement_version_fk',
  })
  agreementVersion?: AgreementVersion;

  @Column('bigint', { transformer: fenColumn })
  settlementFen: number;

  /** Days an installment may be late before it is marked late (the agreement's clause). */
  @Column('integer')
  graceDays: number;

  @Column('text')
  status: PlanStatus;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  /** The 结清证明, sealed when the plan completes: SHA-256 of its PDF, the exact bytes served. */
  @Index('payment_plans_certificate_sha256_key', { unique: true })
  @Column('text', { nullable: true })
  certificateSha256: string | null;

  @Column('text', { nullable: true })
  certificatePath: string | null;

  /** SHA-256 of the seal certificate that sealed it: what verification expects the signer to be. */
  @Column('text', { nullable: true })
  certificateSealSha256: string | null;
}
