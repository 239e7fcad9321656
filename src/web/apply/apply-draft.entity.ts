import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/user.entity';

/**
 * A borrower's application while they fill it in on /apply: one row per borrower, the typed
 * form values as they stand (the consents never: those are given at the moment of filing).
 * Kept on the server so the draft survives a reload, a lost connection or another day,
 * without JavaScript and without personal data in the URL; deleted when the case is filed.
 */
@Entity('apply_drafts')
export class ApplyDraft {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'apply_drafts_pkey' })
  borrowerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'borrower_id', foreignKeyConstraintName: 'apply_drafts_borrower_fk' })
  borrower?: User;

  /** The form's fields by their API names (`loan.principal`), as typed. */
  @Column('jsonb')
  values: Record<string, string>;

  /** The furthest step the borrower completed. */
  @Column('text')
  step: string;

  /** The Idempotency-Key of the filing: a double submission files one case. */
  @Column('uuid')
  filingKey: string;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
