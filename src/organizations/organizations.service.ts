import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { PrincipalCache } from '../access/principal-cache';
import { Clock } from '../common/clock';
import { sha256Hex } from '../common/hash';
import { AppError } from '../common/errors/app-error';
import { bpToPercent, percentToBp } from '../common/percent';
import type { ApiKey } from './api-key.entity';
import {
  DEFAULT_ANNUAL_COST_CEILING_BP,
  Organization,
  OrganizationType,
} from './organization.entity';
import { OrganizationRepository } from './organization.repository';
import {
  ApiKeyResponse,
  CreateApiKeyDto,
  CreateOrganizationDto,
  CreatedApiKeyResponse,
  OrganizationDetailsDto,
  OrganizationResponse,
  UpdateOrganizationDto,
} from './organizations.dto';

const toResponse = (o: Organization, withContact: boolean): OrganizationResponse => ({
  id: o.id,
  type: o.type,
  name: o.name,
  ...(withContact ? { contactEmail: o.contactEmail } : {}),
  creditCode: o.creditCode,
  registeredAddress: o.registeredAddress,
  ...(o.type === 'mediation_center'
    ? {
        courtName: o.courtName,
        annualCostCeiling: bpToPercent(o.annualCostCeilingBp ?? DEFAULT_ANNUAL_COST_CEILING_BP),
      }
    : {}),
});

/** The registered details as columns; a centre's own fields refused for a lender (400). */
function detailsOf(type: OrganizationType, d: OrganizationDetailsDto): Partial<Organization> {
  const centreOnly = (['courtName', 'annualCostCeiling'] as const).filter(
    (f) => d[f] !== undefined,
  );
  if (type !== 'mediation_center' && centreOnly.length) {
    throw AppError.validation(
      centreOnly.map((field) => ({ field, message: 'is set for mediation centres only' })),
    );
  }
  const bp = d.annualCostCeiling === undefined ? undefined : percentToBp(d.annualCostCeiling);
  if (bp !== undefined && bp < 1) {
    throw AppError.validation([{ field: 'annualCostCeiling', message: 'must be at least 0.01' }]);
  }
  return {
    ...(d.creditCode !== undefined ? { creditCode: d.creditCode } : {}),
    ...(d.registeredAddress !== undefined ? { registeredAddress: d.registeredAddress.trim() } : {}),
    ...(d.courtName !== undefined ? { courtName: d.courtName.trim() } : {}),
    ...(bp !== undefined ? { annualCostCeilingBp: bp } : {}),
  };
}

const toKeyResponse = (k: ApiKey): ApiKeyResponse => ({
  id: k.id,
  name: k.name,
  signingAgent:
    k.signingAgentName && k.signingAgentTitle
      ? { name: k.signingAgentName, title: k.signingAgentTitle }
      : null,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export const hashApiKey = (key: string) => sha256Hex(key);

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
    private readonly principals: PrincipalCache,
  ) {}

  async create(dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    const org = await this.organizations.insert(this.dataSource.manager, {
      type: dto.type,
      name: dto.name.trim(),
      contactEmail: dto.contactEmail.toLowerCase(),
      creditCode: null,
      registeredAddress: null,
      courtName: null,
      annualCostCeilingBp: null,
      ...detailsOf(dto.type, dto),
    });
    return toResponse(org, true);
  }

  /** An admin sets or corrects an organisation's name, contact and registered details. */
  async update(id: string, dto: UpdateOrganizationDto): Promise<OrganizationResponse> {
    const org = await this.findOrFail(id);
    const changes: Partial<Organization> = {
      ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
      ...(dto.contactEmail !== undefined ? { contactEmail: dto.contactEmail.toLowerCase() } : {}),
      ...detailsOf(org.type, dto),
    };
    const m = this.dataSource.manager;
    if (Object.keys(changes).length) await this.organizations.update(m, id, changes);
    return toResponse(await this.findOrFail(id), true);
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
    dto: CreateApiKeyDto,
    adminId: string,
  ): Promise<CreatedApiKeyResponse> {
    const org = await this.findOrFail(orgId);
    if (org.type !== 'lender') {
      throw new AppError('CONFLICT', 'API keys are issued to lender organizations only');
    }
    const key = `mk_${randomBytes(24).toString('base64url')}`;
    const saved = await this.organizations.insertApiKey(this.dataSource.manager, {
      organizationId: org.id,
      name: dto.name ?? 'default',
      signingAgentName: dto.signingAgent?.name.trim() ?? null,
      signingAgentTitle: dto.signingAgent?.title.trim() ?? null,
      keyHash: hashApiKey(key),
      createdBy: adminId,
      revokedAt: null,
    });
    return { id: saved.id, key };
  }

  async listApiKeys(orgId: string): Promise<ApiKeyResponse[]> {
    await this.findOrFail(orgId);
    const keys = await this.organizations.apiKeysOf(this.dataSource.manager, orgId);
    return keys.map(toKeyResponse);
  }

  async revokeApiKey(orgId: string, keyId: string): Promise<void> {
    const revoked = await this.organizations.revokeApiKey(
      this.dataSource.manager,
      orgId,
      keyId,
      this.clock.now(),
    );
    if (!revoked) throw new AppError('NOT_FOUND', 'no such active API key');
    this.principals.forgetKey(keyId);
  }
}
