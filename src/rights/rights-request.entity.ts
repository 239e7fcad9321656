import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RIGHTS_KINDS = ['access', 'correction', 'withdrawal', 'deletion'] as const;
export type RightsKind = (typeof RIGHTS_KINDS)[number];

/**
 * A request a person made under PIPL arts. 44–47 and the answer given, kept as the record
 * the law asks for. The user id is not a foreign key: the record outlives a deleted account.
 */
@Entity('rights_requests')
@Check('rights_requests_kind_check', `"kind" IN ('access', 'correction', 'withdrawal', 'deletion')`)
@Check('rights_requests_outcome_check', `"outcome" IN ('done', 'refused')`)
@Index('rights_requests_user_idx', ['userId', 'createdAt'])
export class RightsRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'rights_requests_pkey' })
  id: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  kind: RightsKind;

  @Column('uuid', { nullable: true })
  caseId: string | null;

  /** What was asked, without the personal data itself (field names, the consent's kind). */
  @Column('jsonb')
  request: Record<string, unknown>;

  @Column('text')
  outcome: 'done' | 'refused';

  @Column('text')
  answer: string;

  @Column('timestamptz')
  createdAt: Date;
}
