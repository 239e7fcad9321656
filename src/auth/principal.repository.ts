import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role } from '../common/roles';
import type { PrincipalApiKeyRow, PrincipalUserRow } from '../access/principal-cache';
import { queryNamed } from '../common/prepared-statement';

export type { PrincipalApiKeyRow, PrincipalUserRow };

/**
 * The SQL of "who is calling", run on every authenticated request: one indexed read each,
 * of only the columns a principal holds, mapped by hand. TypeORM's `findOneBy` selected
 * every column of `users` (the password hash among them) and hydrated an entity; an API
 * key took a second round trip for its organisation.
 */
@Injectable()
export class PrincipalRepository {
  async activeUser(manager: EntityManager, id: string): Promise<PrincipalUserRow | null> {
    const rows = await queryNamed<{
      id: string;
      role: Role;
      name: string;
      organization_id: string | null;
      token_version: number;
    }>(
      manager,
      `SELECT id, role, name, organization_id, token_version FROM users WHERE id = $1 AND active`,
      [id],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          role: r.role,
          name: r.name,
          organizationId: r.organization_id,
          tokenVersion: r.token_version,
        }
      : null;
  }

  /** An unrevoked key of a lender organisation, with its organisation, by the key's hash. */
  async activeLenderKey(
    manager: EntityManager,
    keyHash: string,
  ): Promise<PrincipalApiKeyRow | null> {
    const rows = await queryNamed<{
      id: string;
      name: string;
      organization_id: string;
      organization_name: string;
    }>(
      manager,
      `SELECT k.id, k.name, o.id AS organization_id, o.name AS organization_name
           FROM api_keys k
           JOIN organizations o ON o.id = k.organization_id
          WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND o.type = 'lender'`,
      [keyHash],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          name: r.name,
          organizationId: r.organization_id,
          organizationName: r.organization_name,
        }
      : null;
  }
}
