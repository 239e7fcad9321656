import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { fenColumn } from '../common/money';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { CASE_STATUSES, CLOSURE_REASONS, sqlList, TERMINAL_STATUSES } from '../workflow/states';
import type { CaseStatus, ClosureReason } from '../workflow/states';
import type { CaseDeadlineData, ExtensionProposal } from './case-deadline.types';

export const OVERDUE_REASONS = [
  'unemployment',
  'illness',
  'income_reduction',
  'emergency',
  'fee_dispute',
  'other',
] as const;
export type OverdueReason = (typeof OVERDUE_REASONS)[number];
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface BorrowerProposal {
  installments: number;
  requestWaiver: boolean;
  note: string | null;
}

export interface CounterProposal {
  settlementFen: number;
  installments: number;
  waivedFen: number;
  note: string | null;
}

/** The borrower's postal address for service (送达), given at filing; email and phone are the account's. */
export interface ServiceAddress {
  postalAddress: string | null;
}

/** The lender's statement of the debt as of a date (lender_accept), in fen. */
export interface DebtStatement {
  /** `YYYY-MM-DD` */
  asOf: string;
  principalFen: number;
  interestFen: number;
  penaltyInterestFen: number;
  feesFen: number;
}

export const debtTotalFen = (d: DebtStatement) =>
  d.principalFen + d.interestFen + d.penaltyInterestFen + d.feesFen;

@Entity('cases')
@Check('cases_status_check', `"status" IN ${sqlList(CASE_STATUSES)}`)
@Check('cases_closure_reason_check', `"closure_reason" IN ${sqlList(CLOSURE_REASONS)}`)
@Check(
  'cases_closed_at_check',
  `("closed_at" IS NOT NULL) = ("status" IN ${sqlList(TERMINAL_STATUSES)})`,
)
@Check('cases_amounts_check', `"loan_principal_fen" >= 0 AND "loan_outstanding_fen" >= 0`)
@Index('cases_borrower_idx', ['borrowerId', 'createdAt', 'id'])
@Index('cases_lender_idx', ['lenderOrganizationId', 'createdAt', 'id'], {
  where: 'lender_notified_at IS NOT NULL',
})
@Index('cases_mediator_idx', ['mediatorId', 'createdAt', 'id'])
@Index('cases_center_idx', ['mediationCenterId', 'createdAt', 'id'])
@Index('cases_created_idx', ['createdAt', 'id'])
@Index('cases_lender_due_idx', ['lenderResponseDueAt'], { where: `status = 'lender_notified'` })
@Index('cases_term_due_idx', ['mediationDueAt'], {
  where: `status IN ('lender_notified', 'awaiting_session', 'session_scheduled', 'awaiting_signatures')`,
})
export class CaseRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('cases_case_number_key', { unique: true })
  @Column('text')
  caseNumber: string;

  /** Written only by the workflow engine. */
  @Column('text')
  status: CaseStatus;

  @Column('text', { nullable: true })
  closureReason: ClosureReason | null;

  @Column('uuid')
  borrowerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'borrower_id' })
  borrower?: User;

  /** The party's name as filed, kept for search and documents. */
  @Index('cases_borrower_name_idx')
  @Column('text')
  borrowerName: string;

  @Column('uuid')
  lenderOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lender_organization_id' })
  lenderOrganization?: Organization;

  @Column('uuid')
  mediationCenterId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mediation_center_id' })
  mediationCenter?: Organization;

  @Column('uuid', { nullable: true })
  mediatorId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mediator_id' })
  mediator?: User;

  @Index('cases_contract_number_idx')
  @Column('text')
  loanContractNumber: string;

  @Column('bigint', { transformer: fenColumn })
  loanPrincipalFen: number;

  @Column('bigint', { transformer: fenColumn })
  loanOutstandingFen: number;

  @Column('date')
  loanOverdueSince: string;

  @Column('text')
  overdueReason: OverdueReason;

  @Column('text')
  reasonDetail: string;

  @Column('jsonb')
  proposal: BorrowerProposal;

  @Column('jsonb', { nullable: true })
  counterProposal: CounterProposal | null;

  @Column('jsonb', { nullable: true })
  serviceAddress: ServiceAddress | null;

  /** What the lender confirmed it is owed (lender_accept): the agreement's figures. */
  @Column('jsonb', { nullable: true })
  debtStatement: DebtStatement | null;

  @Column('text')
  preferredMode: 'online' | 'offline';

  @Column('text')
  locale: Locale;

  @Column('timestamptz', { nullable: true })
  lenderNotifiedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lenderResponseDueAt: Date | null;

  /**
   * When the lender answered (lender_accept or lender_decline), and when the case ended
   * (settled, rejected, withdrawn, unsuccessful): written with the transition, read by the
   * statistics only, so the pages' and the API's hand-mapped reads leave them out.
   */
  @Column('timestamptz', { nullable: true, select: false })
  lenderAnsweredAt?: Date | null;

  @Column('timestamptz', { nullable: true, select: false })
  closedAt?: Date | null;

  @Column('timestamptz', { nullable: true })
  mediationDueAt: Date | null;

  @Column('boolean', { default: false })
  termExtended: boolean;

  @Column('boolean', { default: false })
  eligibleForLitigation: boolean;

  /** The open proposal to extend the mediation term, until both agree or the term ends. */
  @Column('jsonb', { nullable: true })
  extensionProposal: ExtensionProposal | null;

  /**
   * The case's deadlines with their derivations (`case_deadlines`), loaded by the repository
   * beside the row; not a relation, so that the deadline entity alone points at the case.
   */
  deadlines?: CaseDeadlineData[];

  /** The parties who signed the current agreement version (emptied by a revision). */
  @Column('jsonb', { default: [] })
  signedParties: ('borrower' | 'lender')[];

  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
