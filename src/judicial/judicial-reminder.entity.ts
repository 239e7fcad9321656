import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';

/**
 * A reminder of the 司法确认 deadline that went out: one row per case and lead time, so that a
 * job run twice, or by two instances, sends it once (the insert is the claim).
 */
@Entity('judicial_confirmation_reminders')
export class JudicialReminder {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'judicial_confirmation_reminders_pkey' })
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'case_id',
    foreignKeyConstraintName: 'judicial_confirmation_reminders_case_fk',
  })
  case?: CaseRecord;

  /** Days before the last day: 7 or 2. */
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'judicial_confirmation_reminders_pkey' })
  daysBefore: number;

  @Column('timestamptz')
  sentAt: Date;
}
