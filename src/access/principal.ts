import type { Role } from '../common/roles';

interface UserFields {
  kind: 'user';
  userId: string;
  apiKeyId: null;
  name: string;
}

/** A borrower, or an admin (who may belong to no organisation). */
export interface PersonPrincipal extends UserFields {
  role: 'borrower' | 'admin';
  organizationId: string | null;
}

/** Staff of an organisation: clerks and mediators of a centre, a lender's representatives. */
export interface StaffPrincipal extends UserFields {
  role: 'clerk' | 'mediator' | 'lender';
  organizationId: string;
}

/** A lender's back-office system, through an API key of its organisation. */
export interface ApiKeyPrincipal {
  kind: 'api_key';
  userId: null;
  apiKeyId: string;
  role: 'lender';
  organizationId: string;
  name: string;
}

/** Who is calling: a signed-in user, or a lender organisation through its API key. */
export type Principal = PersonPrincipal | StaffPrincipal | ApiKeyPrincipal;
export type UserPrincipal = PersonPrincipal | StaffPrincipal;

const STAFF: readonly Role[] = ['clerk', 'mediator', 'lender'];
export const isStaffRole = (role: Role): role is StaffPrincipal['role'] => STAFF.includes(role);

/** The principal of a user row; null for staff without an organisation (not a valid account). */
export function userPrincipal(user: {
  id: string;
  role: Role;
  name: string;
  organizationId: string | null;
}): UserPrincipal | null {
  const base = { kind: 'user', userId: user.id, apiKeyId: null, name: user.name } as const;
  if (isStaffRole(user.role)) {
    return user.organizationId
      ? { ...base, role: user.role, organizationId: user.organizationId }
      : null;
  }
  return { ...base, role: user.role, organizationId: user.organizationId };
}

/** The key under which this caller's idempotency keys and rate limits are kept. */
export const principalScope = (p: Principal) =>
  p.kind === 'user' ? `user:${p.userId}` : `api_key:${p.apiKeyId}`;
