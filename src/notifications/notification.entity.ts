import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { User } from '../users/user.entity';

/** One entry of a user's in-app inbox. */
@Entity('notifications')
@Index('notifications_user_idx', ['userId', 'createdAt', 'id'])
@Index('notifications_unread_idx', ['userId'], { where: 'read_at IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notifications_pkey' })
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notifications_user_fk' })
  user?: User;

  @Index('notifications_case_idx')
  @Column('uuid', { nullable: true })
  caseId: string | null;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'notifications_case_fk' })
  case?: CaseRecord;

  /** `<action>.<recipient>`, as the mail of the same event. */
  @Column('text')
  kind: string;

  /** The mail's subject, in the case's language. */
  @Column('text')
  title: string;

  /** The mail's plain-text body. */
  @Column('text')
  body: string;

  @Column('timestamptz', { nullable: true })
  readAt: Date | null;

  @Column('timestamptz')
  createdAt: Date;
}
