import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NoticeCode } from './notice-code.entity';

export type NewNoticeCode = Pick<
  NoticeCode,
  'code' | 'caseId' | 'kind' | 'recipientRole' | 'channel' | 'mailId' | 'postalTaskId' | 'issuedAt'
>;

/** A notice code with the facts the public check may tell (nothing personal). */
export interface NoticeFacts {
  code: string;
  kind: string;
  recipientRole: string | null;
  channel: 'mail' | 'post';
  issuedAt: Date;
  caseNumber: string | null;
  /** When the mail server accepted the mail, or when the clerk posted the letter. */
  sentAt: Date | null;
}

interface FactsRow {
  code: string;
  kind: string;
  recipient_role: string | null;
  channel: 'mail' | 'post';
  issued_at: Date;
  case_number: string | null;
  sent_at: Date | null;
}

/** The SQL of notice codes: written with each notice, read by the public check. */
@Injectable()
export class NoticeCodeRepository {
  async insert(manager: EntityManager, values: NewNoticeCode): Promise<void> {
    await manager.insert(NoticeCode, values);
  }

  async facts(manager: EntityManager, code: string): Promise<NoticeFacts | null> {
    const [row]: FactsRow[] = await manager.query(
      `SELECT n.code, n.kind, n.recipient_role, n.channel, n.issued_at, c.case_number,
              COALESCE(m.sent_at, p.done_at) AS sent_at
         FROM notice_codes n
         LEFT JOIN cases c ON c.id = n.case_id
         LEFT JOIN mail_outbox m ON m.id = n.mail_id
         LEFT JOIN postal_tasks p ON p.id = n.postal_task_id
        WHERE n.code = $1`,
      [code],
    );
    if (!row) return null;
    return {
      code: row.code,
      kind: row.kind,
      recipientRole: row.recipient_role,
      channel: row.channel,
      issuedAt: row.issued_at,
      caseNumber: row.case_number,
      sentAt: row.sent_at,
    };
  }
}
