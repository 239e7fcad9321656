import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A person read and accepted a version of the privacy notice (when filing, or when asked
 * again after a new version). `/auth/me` compares the newest with the current version.
 */
@Entity('privacy_acceptances')
export class PrivacyAcceptance {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'privacy_acceptances_user_fk' })
  user?: User;

  @PrimaryColumn('text')
  version: string;

  @Column('timestamptz')
  acceptedAt: Date;
}
