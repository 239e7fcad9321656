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

/**
 * A notice to post (邮寄送达) to a borrower who declined electronic service: written in the
 * transaction of the step it tells of, done by a clerk who posted it. For such a borrower this
 * is the service; a mail, if any, is a courtesy copy.
 */
@Entity('postal_tasks')
@Check('postal_tasks_status_check', `"status" IN ('open', 'done')`)
@Index('postal_tasks_center_status_idx', ['mediationCenterId', 'status', 'createdAt'])
export class PostalTask {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'postal_tasks_pkey' })
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'postal_tasks_case_fk' })
  case?: CaseRecord;

  @Column('uuid')
  mediationCenterId: string;

  /** `<action>.borrower`, the template the notice was rendered from. */
  @Column('text')
  kind: string;

  @Column('text')
  recipientName: string;

  /** The postal address at the time of writing; null when none was confirmed (the clerk asks). */
  @Column('text', { nullable: true })
  postalAddress: string | null;

  @Column('text')
  subject: string;

  @Column('text')
  textBody: string;

  @Column('text', { default: 'open' })
  status: 'open' | 'done';

  @Column('uuid', { nullable: true })
  doneBy: string | null;

  @Column('timestamptz', { nullable: true })
  doneAt: Date | null;

  /** E.g. the registered-post tracking number (挂号信单号). */
  @Column('text', { nullable: true })
  trackingNumber: string | null;

  @Column('timestamptz')
  createdAt: Date;
}
