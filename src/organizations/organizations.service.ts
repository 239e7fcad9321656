import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { Clock } from '../common/clock';
import { sha256Hex } from '../common/hash';
import { AppError } from '../common/errors/app-error';
import { Organization, OrganizationType } from './organization.entity';
import { OrganizationRepository } from './organization.repository';
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

export const hashApiKey = (key: string) => sha256Hex(key);

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    const org = await this.organizations.insert(this.dataSource.manager, {
      type: dto.type,
      name: dto.name.trim(),
      contactEmail: dto.contactEmail.toLowerCase(),
    });
    return toResponse(org, true);
  }

  /**
   * Borrowers pick the lender at filing, so names and ids are known to signed-in people; a
   * lender (its representatives and its keys) learns only the mediation centres and itself,
   * never the other lenders the platform works with.
   */
  async list(p: Principal, type: OrganizationType | undefined): Promise<OrganizationResponse[]> {
    const manager = this.dataSource.manager;
    const orgs =
      p.role === 'lender'
        ? await this.organizations.listForLender(manager, p.organizationId, type)
        : await this.organizations.list(manager, type);
    return orgs.map((o) => toResponse(o, p.role === 'admin'));
  }

  /** The names and ids a borrower picks the lender from (the application's pages). */
  async listPublic(type: OrganizationType | undefined): Promise<OrganizationResponse[]> {
    const orgs = await this.organizations.list(this.dataSource.manager, type);
    return orgs.map((o) => toResponse(o, false));
  }

  async findOrFail(id: string): Promise<Organization> {
    const org = await this.organizations.findById(this.dataSource.manager, id);
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
    const saved = await this.organizations.insertApiKey(this.dataSource.manager, {
      organizationId: org.id,
      name: name ?? 'default',
      keyHash: hashApiKey(key),
      createdBy: adminId,
      revokedAt: null,
    });
    return { id: saved.id, key };
  }

  async listApiKeys(orgId: string): Promise<ApiKeyResponse[]> {
    await this.findOrFail(orgId);
    const keys = await this.organizations.apiKeysOf(this.dataSource.manager, orgId);
    return keys.map((k) => ({
      id: k.id,
      name: k.name,
      createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
  }

  async revokeApiKey(orgId: string, keyId: string): Promise<void> {
    const revoked = await this.organizations.revokeApiKey(
      this.dataSource.manager,
      orgId,
      keyId,
      this.clock.now(),
    );
    if (!revoked) throw new AppError('NOT_FOUND', 'no such active API key');
  }
}
