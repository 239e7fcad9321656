import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DeadlineDerivation } from '../calendar/deadline';
import type { PeriodUnit } from '../common/period';
import type { DeadlineKind, ServedParty, ServiceChannel } from '../workflow/service-notices';
import type { CaseDeadlineData, DeadlineExtension } from './case-deadline.types';
import { CaseRecord } from './case.entity';

/** One deadline of a case; see CaseDeadlineData. Written only by the `deadline:*` effects. */
@Entity('case_deadlines')
@Check('case_deadlines_kind_check', `"kind" IN ('lender_response', 'mediation_term')`)
@Check('case_deadlines_unit_check', `"unit" IN ('working_days', 'calendar_days')`)
@Check('case_deadlines_length_check', `"length" BETWEEN 1 AND 366`)
@Check('case_deadlines_party_check', `"served_party" IN ('lender', 'borrower')`)
@Check('case_deadlines_via_check', `"served_via" IN ('mail', 'webhook')`)
@Index('case_deadlines_unflagged_idx', ['caseId'], {
  where: 'provisional AND provisional_flagged_at IS NULL',
})
export class CaseDeadlineRecord implements CaseDeadlineData {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'case_deadlines_pkey' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_deadlines_case_fk' })
  case?: CaseRecord;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'case_deadlines_pkey' })
  kind: DeadlineKind;

  @Column('text')
  unit: PeriodUnit;

  @Column('integer')
  length: number;

  @Column('text', { nullable: true })
  servedParty: ServedParty | null;

  @Column('timestamptz')
  issuedAt: Date;

  @Column('timestamptz', { nullable: true })
  servedAt: Date | null;

  @Column('text', { nullable: true })
  servedVia: ServiceChannel | null;

  @Column('jsonb', { nullable: true })
  derivation: DeadlineDerivation | null;

  @Column('jsonb', { default: () => `'[]'` })
  extensions: DeadlineExtension[];

  @Column('boolean', { default: false })
  provisional: boolean;

  @Column('timestamptz', { nullable: true })
  provisionalFlaggedAt: Date | null;
}
