import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { SESSION_COOKIE } from '../../src/web/web-cookies';
import { sha256Hex } from '../../src/common/hash';

/** As long as a sign-in's (PAGE_SESSION_LIFETIME_MS); the bench's run is far shorter. */
const LIFETIME_MS = 12 * 3600_000;

/**
 * Signed-in browsers for the page operations: a live `page_sessions` row per person, as
 * `PageSessionService.start` writes it at sign-in (a random token, only its SHA-256 kept),
 * and the `Cookie` header that browser sends. Pages authenticate by this cookie alone, so a
 * bearer header would measure the sign-in redirect, not the page. Written straight into the
 * table: signing in through the form would cost an argon2 hash per person, and the bench's
 * seeded users have no password anyone knows. A run's sessions replace the last run's.
 */
export async function startPageSessions(
  db: Client,
  userIds: string[],
): Promise<Map<string, Record<string, string>>> {
  const unique = [...new Set(userIds)];
  const tokens = unique.map(() => randomBytes(32).toString('base64url'));
  const now = Date.now();
  await db.query(`DELETE FROM page_sessions WHERE user_id = ANY($1::uuid[])`, [unique]);
  await db.query(
    `INSERT INTO page_sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
     SELECT t.hash, t.user_id, $3, $3, $4
       FROM unnest($1::text[], $2::uuid[]) AS t(hash, user_id)`,
    [tokens.map(sha256Hex), unique, new Date(now), new Date(now + LIFETIME_MS)],
  );
  return new Map(unique.map((id, k) => [id, { cookie: `${SESSION_COOKIE}=${tokens[k]}` }]));
}
