import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a
 * copy of this table signs nobody in. A row, not a JWT in a cookie, so that logout (and a
 * password change or deactivation) ends the session on the server at once.
 */
@Entity('page_sessions')
export class PageSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'page_sessions_pkey' })
  id: string;

  @Index('page_sessions_token_hash_key', { unique: true })
  @Column('text')
  tokenHash: string;

  @Index('page_sessions_user_idx')
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'page_sessions_user_fk' })
  user?: User;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  lastSeenAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  /** The user's token version at sign-in; a later password change or deactivation ends it. */
  @Column('integer', { default: 0 })
  tokenVersion: number;
}
