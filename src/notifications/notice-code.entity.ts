import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { MailOutbox } from './mail-outbox.entity';
import { PostalTask } from './postal-task.entity';

export const NOTICE_CHANNELS = ['mail', 'post'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/**
 * The check code printed on one notice (a mail, or a letter to post), written with it.
 * Holds what `GET /verify/:code` may say of the notice and nothing personal: the kind, the
 * case, the role it went to, the channel and when; the notice itself stays in its own table.
 */
@Entity('notice_codes')
@Check('notice_codes_channel_check', `"channel" IN ('mail', 'post')`)
export class NoticeCode {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'notice_codes_pkey' })
  code: string;

  @Index('notice_codes_case_idx')
  @Column('uuid', { nullable: true })
  caseId: string | null;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'notice_codes_case_fk' })
  case?: CaseRecord;

  /** The mail kind it was rendered from: `<action>.<recipient>`, or `account.<what>`. */
  @Column('text')
  kind: string;

  /** The party's role it was sent to; null for a mail about an account rather than a case. */
  @Column('text', { nullable: true })
  recipientRole: string | null;

  @Column('text')
  channel: NoticeChannel;

  @Column('uuid', { nullable: true })
  mailId: string | null;

  @ManyToOne(() => MailOutbox, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mail_id', foreignKeyConstraintName: 'notice_codes_mail_fk' })
  mail?: MailOutbox;

  @Column('uuid', { nullable: true })
  postalTaskId: string | null;

  @ManyToOne(() => PostalTask, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postal_task_id', foreignKeyConstraintName: 'notice_codes_postal_task_fk' })
  postalTask?: PostalTask;

  @Column('timestamptz')
  issuedAt: Date;
}
