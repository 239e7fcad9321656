import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Cursor } from '../common/pagination';
import { MailOutbox } from './mail-outbox.entity';
import type { MailStatus } from './mail-outbox.entity';

export type NewMail = Pick<
  MailOutbox,
  | 'id'
  | 'caseId'
  | 'kind'
  | 'locale'
  | 'toAddress'
  | 'toName'
  | 'subject'
  | 'textBody'
  | 'htmlBody'
  | 'attachments'
  | 'messageId'
  | 'createdAt'
>;

/** The mail outbox's SQL. Every state change is conditional on the state it leaves. */
@Injectable()
export class MailOutboxRepository {
  async insert(manager: EntityManager, mail: NewMail): Promise<void> {
    await manager.insert(MailOutbox, { ...mail, status: 'pending', attempts: 0 });
  }

  find(manager: EntityManager, id: string): Promise<MailOutbox | null> {
    return manager.findOneBy(MailOutbox, { id });
  }

  /**
   * Takes a mail for one delivery attempt: pending, or `sending` by a sender whose hold has
   * lapsed (it crashed). Null when it is sent, dead, or held by another sender right now.
   */
  async claim(manager: EntityManager, id: string, holdMs: number): Promise<MailOutbox | null> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE mail_outbox
          SET status = 'sending', attempts = attempts + 1,
              locked_until = now() + $2 * interval '1 millisecond'
        WHERE id = $1
          AND (status = 'pending' OR (status = 'sending' AND locked_until < now()))
        RETURNING id`,
      [id, holdMs],
    );
    return rows.length ? this.find(manager, id) : null;
  }

  /** `at`: when the mail server accepted it (the service of a notice it carries). */
  async markSent(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE mail_outbox
          SET status = 'sent', sent_at = $2, locked_until = NULL, next_attempt_at = NULL,
              last_error = NULL
        WHERE id = $1 AND status = 'sending'`,
      [id, at],
    );
  }

  /** After a failed attempt: back to pending until `nextAttemptAt`, or dead (no attempt follows). */
  async markFailed(
    manager: EntityManager,
    id: string,
    error: string,
    next: Date | 'dead',
  ): Promise<void> {
    await manager.query(
      `UPDATE mail_outbox
          SET status = $3, last_error = $2, locked_until = NULL, next_attempt_at = $4
        WHERE id = $1 AND status = 'sending'`,
      [
        id,
        error.slice(0, 2000),
        next === 'dead' ? 'dead' : 'pending',
        next === 'dead' ? null : next,
      ],
    );
  }

  /** Newest first; one more than `limit`. */
  list(
    manager: EntityManager,
    status: MailStatus | undefined,
    limit: number,
    after?: Cursor,
  ): Promise<MailOutbox[]> {
    const qb = manager.createQueryBuilder(MailOutbox, 'm').where('TRUE');
    if (status) qb.andWhere('m.status = :status', { status });
    if (after) {
      qb.andWhere('(m.created_at, m.id) < (:afterAt, :afterId)', {
        afterAt: after.at,
        afterId: after.id,
      });
    }
    return qb
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit + 1)
      .getMany();
  }

  /** A dead or pending mail made due again with a fresh set of attempts; false otherwise. */
  async resetForRetry(manager: EntityManager, id: string): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE mail_outbox
          SET status = 'pending', attempts = 0, last_error = NULL, next_attempt_at = now()
        WHERE id = $1 AND status IN ('dead', 'pending')
        RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async resetAllDead(manager: EntityManager): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE mail_outbox
          SET status = 'pending', attempts = 0, last_error = NULL, next_attempt_at = now()
        WHERE status = 'dead'
        RETURNING id`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Mails still to deliver that no job will deliver: kept back while SMTP_URL was unset, or
   * held by a sender that crashed after its job was lost. `jobKey` names each mail's job.
   */
  async orphans(manager: EntityManager, jobKey: (id: string) => string): Promise<string[]> {
    const prefix = jobKey('');
    const rows: { id: string }[] = await manager.query(
      `SELECT m.id FROM mail_outbox m
        WHERE (m.status = 'pending' OR (m.status = 'sending' AND m.locked_until < now()))
          AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j
                           WHERE j.key = $1 || m.id::text AND j.attempts < j.max_attempts)
        ORDER BY m.created_at, m.id`,
      [prefix],
    );
    return rows.map((r) => r.id);
  }

  async pendingCount(manager: EntityManager): Promise<number> {
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'pending'`,
    );
    return n;
  }
}
