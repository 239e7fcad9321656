import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Cursor } from '../common/pagination';
import { Notification } from './notification.entity';

/** The in-app inbox's SQL, and the staff a case's notifications fan out to. */
@Injectable()
export class NotificationRepository {
  async insert(manager: EntityManager, rows: Omit<Notification, 'id'>[]): Promise<void> {
    if (rows.length) await manager.insert(Notification, rows);
  }

  /** Newest first; one more than `limit`, so the caller knows whether a next page exists. */
  list(
    manager: EntityManager,
    userId: string,
    limit: number,
    after?: Cursor,
  ): Promise<Notification[]> {
    const qb = manager
      .createQueryBuilder(Notification, 'n')
      .where('n.user_id = :userId', { userId });
    if (after) {
      qb.andWhere('(n.created_at, n.id) < (:afterAt, :afterId)', {
        afterAt: after.at,
        afterId: after.id,
      });
    }
    return qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(limit + 1)
      .getMany();
  }

  /** Marks one of the user's own notifications read (again is a no-op); null when not theirs. */
  async markRead(
    manager: EntityManager,
    userId: string,
    id: string,
    now: Date,
  ): Promise<Notification | null> {
    await manager.query(
      `UPDATE notifications SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL`,
      [id, userId, now],
    );
    return manager.findOneBy(Notification, { id, userId });
  }

  async markAllRead(manager: EntityManager, userId: string, now: Date): Promise<number> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`,
      [userId, now],
    );
    return affected;
  }

  async unreadCount(manager: EntityManager, userId: string): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return row.n;
  }
}
