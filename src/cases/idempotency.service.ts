import { sha256Hex } from '../common/hash';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export const requestHash = (parts: unknown[]) => sha256Hex(JSON.stringify(parts));

/**
 * `Idempotency-Key` inside the caller's transaction: the key is claimed at the
 * start (a concurrent retry waits on the unique key), the answer is stored at
 * the end, and a rollback forgets both, so only answers that changed
 * something are replayed.
 */
@Injectable()
export class IdempotencyService {
  async run(
    manager: EntityManager,
    scope: string,
    key: string | undefined,
    hash: string,
    work: () => Promise<StoredAnswer>,
  ): Promise<StoredAnswer> {
    if (!key) return work();
    if (key.length > 200) {
      throw AppError.validation([
        { field: 'Idempotency-Key', message: 'must be at most 200 characters' },
      ]);
    }
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [scope, key, hash],
    );
    if (claimed.length === 0) {
      const [prior]: { request_hash: string; response_status: number; response_body: unknown }[] =
        await manager.query(
          `SELECT request_hash, response_status, response_body FROM idempotency_keys
            WHERE scope = $1 AND key = $2`,
          [scope, key],
        );
      if (prior.request_hash !== hash) {
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was already used with a different request',
        );
      }
      return { status: prior.response_status, body: prior.response_body };
    }
    const answer = await work();
    await manager.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
      [scope, key, answer.status, JSON.stringify(answer.body)],
    );
    return answer;
  }
}
