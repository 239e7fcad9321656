import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import type { MailOutbox } from './mail-outbox.entity';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailSender } from './mail-sender';
import type { MailListQuery, MailListResponse, MailResponse } from './notifications.dto';

const toResponse = (m: MailOutbox): MailResponse => ({
  id: m.id,
  caseId: m.caseId,
  kind: m.kind,
  locale: m.locale,
  toAddress: m.toAddress,
  toName: m.toName,
  subject: m.subject,
  status: m.status,
  attempts: m.attempts,
  nextAttemptAt: m.nextAttemptAt?.toISOString() ?? null,
  lastError: m.lastError,
  messageId: m.messageId,
  sentAt: m.sentAt?.toISOString() ?? null,
  createdAt: m.createdAt.toISOString(),
});

/** The admin's view of the outbox: what is waiting, what was given up, and "try again". */
@Injectable()
export class MailOutboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: MailOutboxRepository,
    private readonly sender: MailSender,
  ) {}

  async list(q: MailListQuery): Promise<MailListResponse> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.outbox.list(
      this.dataSource.manager,
      q.status,
      limit,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    const { items, nextCursor } = pageOf(rows, limit, (m) => [m.createdAt, m.id]);
    return { items: items.map(toResponse), nextCursor };
  }

  /** A dead (or still pending) mail: due now, with a fresh set of MAIL_MAX_ATTEMPTS attempts. */
  async retry(id: string): Promise<MailResponse> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.outbox.resetForRetry(tx, id))) {
        const row = await this.outbox.find(tx, id);
        if (!row) throw new AppError('NOT_FOUND', 'no such mail');
        throw new AppError(
          'CONFLICT',
          `the mail is ${row.status}; only dead or pending mail is retried`,
        );
      }
      await this.sender.enqueue(tx, id);
      return toResponse((await this.outbox.find(tx, id))!);
    });
  }

  async retryDead(): Promise<{ retried: number }> {
    return this.dataSource.transaction(async (tx) => {
      const ids = await this.outbox.resetAllDead(tx);
      for (const id of ids) await this.sender.enqueue(tx, id);
      return { retried: ids.length };
    });
  }
}
