import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { User } from '../users/user.entity';
import { sqlList } from '../workflow/states';

export const SESSION_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_MODES = ['online', 'offline'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/**
 * A mediation session (调解会议) of a case. A mediator is never in two sessions at once:
 * PostgreSQL refuses overlapping time ranges of one mediator's sessions that are not
 * cancelled (`mediation_sessions_no_overlap`), so racing bookings cannot both win.
 */
@Entity('mediation_sessions')
@Check('mediation_sessions_status_check', `"status" IN ${sqlList(SESSION_STATUSES)}`)
@Check('mediation_sessions_mode_check', `"mode" IN ${sqlList(SESSION_MODES)}`)
@Check('mediation_sessions_time_check', `"ends_at" > "starts_at"`)
@Check(
  'mediation_sessions_place_check',
  `("mode" = 'online' AND "meeting_url" IS NOT NULL) OR ("mode" = 'offline' AND "location" IS NOT NULL)`,
)
@Exclusion(
  'mediation_sessions_no_overlap',
  `USING gist ("mediator_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" <> 'cancelled')`,
)
@Index('mediation_sessions_case_idx', ['caseId', 'startsAt'])
@Index('mediation_sessions_one_scheduled_per_case', ['caseId'], {
  unique: true,
  where: `"status" = 'scheduled'`,
})
export class MediationSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'mediation_sessions_pkey' })
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'mediation_sessions_case_fk' })
  case?: CaseRecord;

  @Column('uuid')
  mediatorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mediator_id', foreignKeyConstraintName: 'mediation_sessions_mediator_fk' })
  mediator?: User;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('text')
  mode: SessionMode;

  /** The address of an offline session. */
  @Column('text', { nullable: true })
  location: string | null;

  /** The meeting link of an online session. */
  @Column('text', { nullable: true })
  meetingUrl: string | null;

  @Column('text')
  status: SessionStatus;

  /** The minutes (调解笔录), recorded when the session is held. */
  @Column('text', { nullable: true })
  minutes: string | null;

  /** The iCalendar SEQUENCE: raised on every move or cancellation, so calendars take the update. */
  @Column('integer', { default: 0 })
  sequence: number;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  /** When the participants were reminded of the current time; cleared when the session moves. */
  @Column('timestamptz', { nullable: true })
  remindedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
