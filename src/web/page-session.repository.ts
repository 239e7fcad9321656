import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { PageSession } from './page-session.entity';
import { EntityRead } from '../common/entity-read';

/** A live session by its token's hash: on every page view. */
const LIVE = new EntityRead(
  PageSession,
  'WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 LIMIT 1',
);

/** The SQL of page sessions. */
@Injectable()
export class PageSessionRepository {
  insert(m: EntityManager, row: Omit<PageSession, 'id' | 'revokedAt'>): Promise<PageSession> {
    return m.save(PageSession, m.create(PageSession, { ...row, revokedAt: null }));
  }

  /** The session of this token if it is neither revoked nor past its expiry. */
  findLive(m: EntityManager, tokenHash: string, now: Date): Promise<PageSession | null> {
    return LIVE.one(m, [tokenHash, now]);
  }

  async touch(m: EntityManager, id: string, now: Date): Promise<void> {
    await m.update(PageSession, { id }, { lastSeenAt: now });
  }

  async revokeByTokenHash(m: EntityManager, tokenHash: string, now: Date): Promise<void> {
    await m.update(PageSession, { tokenHash, revokedAt: IsNull() }, { revokedAt: now });
  }

  /** Drops a user's sessions that ended more than a day ago, so the table stays small. */
  async pruneEndedOfUser(m: EntityManager, userId: string, before: Date): Promise<void> {
    await m.query(
      `DELETE FROM page_sessions
        WHERE user_id = $1 AND (expires_at < $2 OR revoked_at < $2)`,
      [userId, before],
    );
  }
}
