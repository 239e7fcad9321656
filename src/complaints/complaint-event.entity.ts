import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Complaint } from './complaint.entity';

/** One step of a complaint (filed, taken up, lender answered, answered), oldest first. */
@Entity('complaint_events')
@Index('complaint_events_complaint_idx', ['complaintId', 'createdAt'])
export class ComplaintEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'complaint_events_pkey' })
  id: string;

  @Column('uuid')
  complaintId: string;

  @ManyToOne(() => Complaint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'complaint_events_complaint_fk' })
  complaint?: Complaint;

  @Column('text')
  action: 'filed' | 'taken_up' | 'lender_answered' | 'answered';

  @Column('text')
  actorRole: string;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz')
  createdAt: Date;
}
