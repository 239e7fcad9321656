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
import type { MailAttachment } from '../cases/case-mail';

export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One mail to one address, written in the transaction of the transition that
 * causes it and delivered afterwards by the `send_mail` job. Rendered when
 * written, so a retry sends exactly what the transition meant to say.
 */
@Entity('mail_outbox')
@Check('mail_outbox_status_check', `"status" IN ('pending', 'sending', 'sent', 'dead')`)
@Check('mail_outbox_locale_check', `"locale" IN ('zh-CN', 'en')`)
@Index('mail_outbox_status_idx', ['status', 'createdAt', 'id'])
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'mail_outbox_pkey' })
  id: string;

  @Index('mail_outbox_case_idx')
  @Column('uuid', { nullable: true })
  caseId: string | null;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'mail_outbox_case_fk' })
  case?: CaseRecord;

  /** `<action>.<recipient>`, the template it was rendered from. */
  @Column('text')
  kind: string;

  @Column('text')
  locale: string;

  @Column('text')
  toAddress: string;

  @Column('text')
  toName: string;

  @Column('text')
  subject: string;

  @Column('text')
  textBody: string;

  @Column('text')
  htmlBody: string;

  @Column('jsonb', { default: () => `'[]'` })
  attachments: MailAttachment[];

  @Column('text', { default: 'pending' })
  status: MailStatus;

  /** Delivery attempts made (a mail kept back because SMTP_URL is unset counts none). */
  @Column('integer', { default: 0 })
  attempts: number;

  /** When the next attempt is planned, while pending after a failure. */
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  /** While `sending`: until when the sender that claimed it holds it (a crashed one lets go). */
  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  /** Fixed when the row is written, so every attempt sends the same Message-ID. */
  @Column('text')
  messageId: string;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;
}
