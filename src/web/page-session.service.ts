import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../access/principal';
import { Expiring } from '../access/principal-cache';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { sha256Hex } from '../common/hash';
import type { PageSession } from './page-session.entity';
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
  /**
   * Live sessions this process read in the last PRINCIPAL_CACHE_SECONDS, by token hash, as the
   * callers are kept (access/principal-cache.ts): one statement less on every page. Signing out
   * here, or ending a user's sessions here, forgets them at once; another instance keeps its
   * entry at most those seconds. Expiry and idleness are still checked on every request, and
   * the caller behind the session is asked of `principalForUser` as before, so a password
   * change or a deactivation (which raises the token version) ends a kept session too.
   */
  private readonly live: Expiring<PageSession>;
  /** Raised by every sign-out here: a read that began before one does not keep its row. */
  private endings = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: PageSessionRepository,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.live = new Expiring(config.principalCacheSeconds);
  }

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
    const hash = sha256Hex(token);
    let session = this.live.get(hash);
    if (!session || session.expiresAt.getTime() <= now.getTime()) {
      const endings = this.endings;
      session = await this.sessions.findLive(m, hash, now);
      if (session && endings === this.endings) this.live.set(hash, session);
      else this.live.delete(hash);
    }
    if (!session || now.getTime() - session.lastSeenAt.getTime() > PAGE_SESSION_IDLE_MS) {
      return null;
    }
    const principal = await this.auth.principalForUser(session.userId, session.tokenVersion);
    if (!principal) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(m, session.id, now);
      session.lastSeenAt = now;
    }
    return principal;
  }

  /** Logout: this browser's session ends now; the same cookie is refused afterwards. */
  async end(token: string | undefined): Promise<void> {
    if (!token || token.length > 100) return;
    const hash = sha256Hex(token);
    this.endings++;
    await this.sessions.revokeByTokenHash(this.dataSource.manager, hash, this.clock.now());
    this.live.delete(hash);
  }
}
