import type { Role } from '../users/user.entity';

/** Who is calling: a signed-in user, or a lender organisation through its API key. */
export interface Principal {
  kind: 'user' | 'api_key';
  /** The user, or null for an API key. */
  userId: string | null;
  apiKeyId: string | null;
  role: Role;
  organizationId: string | null;
  name: string;
}

/** The key under which this caller's idempotency keys and rate limits are kept. */
export const principalScope = (p: Principal) =>
  p.kind === 'user' ? `user:${p.userId}` : `api_key:${p.apiKeyId}`;
