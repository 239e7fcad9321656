import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { sha256Hex } from '../../src/common/hash';
import { SESSION_COOKIE } from '../../src/web/web-cookies';

/**
 * A signed-in browser for a seeded person: the pages take only the session cookie, not a
 * bearer token, so the page operations send what a browser sends after /login. The row is
 * what `PageSessionService.start()` writes (only the token's hash is stored); written here
 * rather than by posting /login so that argon2's cost is not part of the setup.
 */
export async function pageSessionHeaders(
  db: Client,
  userId: string,
): Promise<Record<string, string>> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO page_sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, now(), now(), now() + interval '12 hours')`,
    [sha256Hex(token), userId],
  );
  return { cookie: `${SESSION_COOKIE}=${token}` };
}
