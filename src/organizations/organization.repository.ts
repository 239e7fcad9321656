import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { ApiKey } from './api-key.entity';
import { Organization, OrganizationType } from './organization.entity';

/** The SQL of organisations and their API keys. */
@Injectable()
export class OrganizationRepository {
  findById(manager: EntityManager, id: string): Promise<Organization | null> {
    return manager.findOneBy(Organization, { id });
  }

  findOfType(
    manager: EntityManager,
    id: string,
    type: OrganizationType,
  ): Promise<Organization | null> {
    return manager.findOneBy(Organization, { id, type });
  }

  /** The oldest organisation of a type (the default mediation centre). */
  firstOfType(manager: EntityManager, type: OrganizationType): Promise<Organization | null> {
    return manager.findOne(Organization, { where: { type }, order: { createdAt: 'ASC' } });
  }

  insert(manager: EntityManager, org: Partial<Organization>): Promise<Organization> {
    return manager.save(Organization, manager.create(Organization, org));
  }

  async update(manager: EntityManager, id: string, changes: Partial<Organization>): Promise<void> {
    await manager.update(Organization, id, changes);
  }

  findApiKey(manager: EntityManager, id: string): Promise<ApiKey | null> {
    return manager.findOneBy(ApiKey, { id });
  }

  /**
   * Whole, never cut: organisations are the platform's partners, created one by one by an
   * admin, and a list cut at some size would silently drop a lender from the borrower's
   * picker or a centre from a lender's view.
   */
  list(manager: EntityManager, type: OrganizationType | undefined): Promise<Organization[]> {
    return manager.find(Organization, { where: type ? { type } : {}, order: { name: 'ASC' } });
  }

  /** What a lender may know of the organisations: every mediation centre, and itself. */
  listForLender(
    manager: EntityManager,
    lenderId: string,
    type: OrganizationType | undefined,
  ): Promise<Organization[]> {
    const where = [{ type: 'mediation_center' as const }, { id: lenderId }];
    return manager.find(Organization, {
      // A type narrows the two: `lender` is the caller alone, never every lender.
      where: type === 'lender' ? [{ id: lenderId, type }] : type ? [where[0]] : where,
      order: { name: 'ASC' },
    });
  }

  insertApiKey(manager: EntityManager, key: Partial<ApiKey>): Promise<ApiKey> {
    return manager.save(ApiKey, manager.create(ApiKey, key));
  }

  apiKeysOf(manager: EntityManager, organizationId: string): Promise<ApiKey[]> {
    return manager.find(ApiKey, { where: { organizationId }, order: { createdAt: 'DESC' } });
  }

  activeApiKeyByHash(manager: EntityManager, keyHash: string): Promise<ApiKey | null> {
    return manager.findOneBy(ApiKey, { keyHash, revokedAt: IsNull() });
  }

  /** False when there was no such unrevoked key. */
  async revokeApiKey(
    manager: EntityManager,
    organizationId: string,
    id: string,
    at: Date,
  ): Promise<boolean> {
    const result = await manager.update(
      ApiKey,
      { id, organizationId, revokedAt: IsNull() },
      { revokedAt: at },
    );
    return (result.affected ?? 0) > 0;
  }
}
