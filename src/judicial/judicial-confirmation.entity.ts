import { Check, Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import type { DeadlineDerivation } from '../calendar/deadline';
import { CaseRecord } from '../cases/case.entity';
import { sqlList } from '../workflow/states';

/**
 * Where a hand-off stands: the parties joining (`requested` until both have), `ready` once both
 * joined, then what the clerk records of the court: `applied` (filed), `confirmed`, `refused`.
 */
export const JUDICIAL_STATUSES = ['requested', 'ready', 'applied', 'confirmed', 'refused'] as const;
export type JudicialStatus = (typeof JUDICIAL_STATUSES)[number];
export const JUDICIAL_PARTIES = ['borrower', 'lender'] as const;
export type JudicialParty = (typeof JUDICIAL_PARTIES)[number];

/**
 * The 司法确认 hand-off of a settled case (人民调解法 art. 33, 民事诉讼法 art. 205): one per
 * case, asked for by either party, joined by both, for the court the sealed agreement names,
 * within the 30 days from the agreement taking effect (the derivation kept as counted).
 */
@Entity('judicial_confirmations')
@Check('judicial_confirmations_status_check', `"status" IN ${sqlList(JUDICIAL_STATUSES)}`)
@Check(
  'judicial_confirmations_requested_by_check',
  `"requested_by_party" IN ${sqlList(JUDICIAL_PARTIES)}`,
)
export class JudicialConfirmation {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'judicial_confirmations_pkey' })
  caseId: string;

  @OneToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'judicial_confirmations_case_fk' })
  case?: CaseRecord;

  /** The sealed version the application is for: the one in force when it was asked. */
  @Column('uuid')
  agreementVersionId: string;

  @ManyToOne(() => AgreementVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'agreement_version_id',
    foreignKeyConstraintName: 'judicial_confirmations_agreement_version_fk',
  })
  agreementVersion?: AgreementVersion;

  /** The court as the sealed agreement names it (its snapshot of the centre). */
  @Column('text')
  courtName: string;

  @Column('text')
  status: JudicialStatus;

  @Column('text')
  requestedByParty: JudicialParty;

  /** Who asked: a user, or a lender's API key. */
  @Column('uuid', { nullable: true })
  requestedByUserId: string | null;

  @Column('uuid', { nullable: true })
  requestedByApiKeyId: string | null;

  @Column('timestamptz')
  requestedAt: Date;

  /** 30 days from the agreement's taking effect, as 民事诉讼法 art. 85 counts them. */
  @Column('jsonb')
  deadline: DeadlineDerivation;

  @Column('timestamptz')
  deadlineAt: Date;

  @Column('timestamptz', { nullable: true })
  borrowerJoinedAt: Date | null;

  @Column('uuid', { nullable: true })
  borrowerJoinedBy: string | null;

  @Column('timestamptz', { nullable: true })
  lenderJoinedAt: Date | null;

  @Column('uuid', { nullable: true })
  lenderJoinedByUserId: string | null;

  @Column('uuid', { nullable: true })
  lenderJoinedByApiKeyId: string | null;

  /** The clerk's last record of the court's steps. */
  @Column('timestamptz', { nullable: true })
  outcomeAt: Date | null;

  @Column('uuid', { nullable: true })
  outcomeBy: string | null;

  @Column('text', { nullable: true })
  outcomeNote: string | null;
}
