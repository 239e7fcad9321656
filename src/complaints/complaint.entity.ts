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

export const COMPLAINT_CATEGORIES = [
  'harassment',
  'third_party_contact',
  'threats',
  'fees',
  'process',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
/** Categories about how the lender or its collectors behaved: the lender is told and may answer. */
export const CONDUCT_CATEGORIES: readonly ComplaintCategory[] = [
  'harassment',
  'third_party_contact',
  'threats',
  'fees',
];
export const COMPLAINT_STATUSES = ['received', 'in_progress', 'answered'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** A complaint to the mediation centre, by any party, about the process or collection conduct. */
@Entity('complaints')
@Check(
  'complaints_category_check',
  `"category" IN ('harassment', 'third_party_contact', 'threats', 'fees', 'process', 'other')`,
)
@Check('complaints_status_check', `"status" IN ('received', 'in_progress', 'answered')`)
@Check('complaints_answer_check', `("status" = 'answered') = ("answer" IS NOT NULL)`)
@Index('complaints_center_status_idx', ['mediationCenterId', 'status', 'createdAt'])
@Index('complaints_complainant_idx', ['complainantId', 'createdAt'])
export class Complaint {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'complaints_pkey' })
  id: string;

  /** `TS-2026-000123`, what the complainant quotes. */
  @Index('complaints_reference_key', { unique: true })
  @Column('text')
  reference: string;

  @Column('uuid')
  complainantId: string;

  @Column('text')
  complainantRole: string;

  @Column('uuid', { nullable: true })
  caseId: string | null;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'complaints_case_fk' })
  case?: CaseRecord;

  @Column('uuid')
  mediationCenterId: string;

  /** The lender of the case, for a conduct complaint on a case: told, and may answer. */
  @Column('uuid', { nullable: true })
  lenderOrganizationId: string | null;

  @Column('text')
  category: ComplaintCategory;

  @Column('text')
  description: string;

  /** What the complainant can show: dates, numbers that called, the ids of the case's uploads. */
  @Column('text', { nullable: true })
  evidence: string | null;

  @Column('text', { default: 'received' })
  status: ComplaintStatus;

  @Column('text', { nullable: true })
  answer: string | null;

  @Column('text', { nullable: true })
  lenderAnswer: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
