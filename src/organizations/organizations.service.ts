import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { hashApiKey } from '../auth/auth.service';
import { AppError } from '../common/errors/app-error';
import { ApiKey } from './api-key.entity';
import { Organization, OrganizationType } from './organization.entity';
import {
  ApiKeyResponse,
  CreateOrganizationDto,
  CreatedApiKeyResponse,
  OrganizationResponse,
} from './organizations.dto';

const toResponse = (o: Organization, withContact: boolean): OrganizationResponse => ({
  id: o.id,
  type: o.type,
  name: o.name,
  ...(withContact ? { contactEmail: o.contactEmail } : {}),
});

@Injectable()
export class OrganizationsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    const org = await this.dataSource.manager.save(
      Organization,
      this.dataSource.manager.create(Organization, {
        type: dto.type,
        name: dto.name.trim(),
        contactEmail: dto.contactEmail.toLowerCase(),
      }),
    );
    return toResponse(org, true);
  }

  /** Borrowers pick the lender at filing, so names and ids are public to signed-in users. */
  async list(
    type: OrganizationType | undefined,
    isAdmin: boolean,
  ): Promise<OrganizationResponse[]> {
    const orgs = await this.dataSource.manager.find(Organization, {
      where: type ? { type } : {},
      order: { name: 'ASC' },
      take: 500,
    });
    return orgs.map((o) => toResponse(o, isAdmin));
  }

  async findOrFail(id: string): Promise<Organization> {
    const org = await this.dataSource.manager.findOneBy(Organization, { id });
    if (!org) throw new AppError('NOT_FOUND', 'no such organization');
    return org;
  }

  async createApiKey(
    orgId: string,
    name: string | undefined,
    adminId: string,
  ): Promise<CreatedApiKeyResponse> {
    const org = await this.findOrFail(orgId);
    if (org.type !== 'lender') {
      throw new AppError('CONFLICT', 'API keys are issued to lender organizations only');
    }
    const key = `mk_${randomBytes(24).toString('base64url')}`;
    const saved = await this.dataSource.manager.save(
      ApiKey,
      this.dataSource.manager.create(ApiKey, {
        organizationId: org.id,
        name: name ?? 'default',
        keyHash: hashApiKey(key),
        createdBy: adminId,
        revokedAt: null,
      }),
    );
    return { id: saved.id, key };
  }

  async listApiKeys(orgId: string): Promise<ApiKeyResponse[]> {
    await this.findOrFail(orgId);
    const keys = await this.dataSource.manager.find(ApiKey, {
      where: { organizationId: orgId },
      order: { createdAt: 'DESC' },
    });
    return keys.map((k) => ({
      id: k.id,
      name: k.name,
      createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
  }

  async revokeApiKey(orgId: string, keyId: string): Promise<void> {
    const result = await this.dataSource.manager.update(
      ApiKey,
      { id: keyId, organizationId: orgId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!result.affected) throw new AppError('NOT_FOUND', 'no such active API key');
  }
}
