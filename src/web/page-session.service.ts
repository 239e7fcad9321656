import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../access/principal';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { sha256Hex } from '../common/hash';
import { PageSessionRepository } from './page-session.repository';

const HOUR = 3600_000;
/** A session ends 12 hours after sign-in, or after 2 hours without a request. */
export const PAGE_SESSION_LIFETIME_MS = 12 * HOUR;
export const PAGE_SESSION_IDLE_MS = 2 * HOUR;
/** last_seen_at is written at most this often, not on every page. */
const TOUCH_EVERY_MS = 5 * 60_000;

/** Server-side sessions of the web pages; the cookie carries only a random token. */
@Injectable()
export class PageSessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: PageSessionRepository,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  /** Starts a session for a user who has just proved who they are; answers the cookie's token. */
  async start(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const tokenVersion = await this.auth.currentTokenVersion(userId);
    if (tokenVersion === null) throw new AppError('UNAUTHENTICATED', 'this account is disabled');
    await this.dataSource.transaction(async (m) => {
      await this.sessions.pruneEndedOfUser(m, userId, new Date(now.getTime() - 24 * HOUR));
      await this.sessions.insert(m, {
        tokenHash: sha256Hex(token),
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + PAGE_SESSION_LIFETIME_MS),
        tokenVersion,
      });
    });
    return token;
  }

  /**
   * The one place a page session is checked: live row, not idle, and then the same
   * `principalForUser` that a bearer token goes through, which refuses a deactivated
   * account and a session older than the account's last password change.
   */
  async resolve(token: string | undefined): Promise<Principal | null> {
    if (!token || token.length > 100) return null;
    const m = this.dataSource.manager;
    const now = this.clock.now();
    const session = await this.sessions.findLive(m, sha256Hex(token), now);
    if (!session || now.getTime() - session.lastSeenAt.getTime() > PAGE_SESSION_IDLE_MS) {
      return null;
    }
    const principal = await this.auth.principalForUser(session.userId, session.tokenVersion);
    if (!principal) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(m, session.id, now);
    }
    return principal;
  }

  /** Logout: this browser's session ends now; the same cookie is refused afterwards. */
  async end(token: string | undefined): Promise<void> {
    if (!token || token.length > 100) return;
    await this.sessions.revokeByTokenHash(
      this.dataSource.manager,
      sha256Hex(token),
      this.clock.now(),
    );
  }

  /** Ends every page session of a user: for a password change or a deactivation. */
  endAllOfUser(userId: string): Promise<number> {
    return this.sessions.revokeAllOfUser(this.dataSource.manager, userId, this.clock.now());
  }
}
