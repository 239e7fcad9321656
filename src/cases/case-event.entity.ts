import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseRecord } from './case.entity';

/** One transition on a case's timeline. Append-only: the database refuses UPDATE and DELETE. */
@Entity('case_events')
@Index('case_events_case_idx', ['caseId', 'id'])
export class CaseEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseRecord;

  @Column('text')
  action: string;

  @Column('text', { nullable: true })
  fromStatus: string | null;

  @Column('text')
  toStatus: string;

  /** `system` for the deadline sweeper; otherwise the caller's role. */
  @Column('text')
  actorRole: string;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  /** Set when a lender acted through an organisation API key. */
  @Column('uuid', { nullable: true })
  actorApiKeyId: string | null;

  @Column('uuid', { nullable: true })
  actorOrganizationId: string | null;

  @Column('jsonb', { default: {} })
  input: Record<string, unknown>;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;
}
