import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseRecord } from './case.entity';

export const CONSENTS = ['onlineMediation', 'electronicService', 'shareWithLender'] as const;
export type ConsentKind = (typeof CONSENTS)[number];

/**
 * Each consent the borrower gave at filing, with its time and the notice version. A choice
 * declined has no row; a consent withdrawn keeps its row with the time it was withdrawn.
 */
@Entity('case_consents')
@Check(
  'case_consents_kind_check',
  `"kind" IN ('onlineMediation', 'electronicService', 'shareWithLender')`,
)
export class CaseConsent {
  @PrimaryColumn('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseRecord;

  @PrimaryColumn('text')
  kind: ConsentKind;

  @Column('text')
  privacyNoticeVersion: string;

  @Column('uuid')
  grantedBy: string;

  @Column('timestamptz')
  grantedAt: Date;

  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;
}
