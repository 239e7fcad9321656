import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { CaseConsent } from './case-consent.entity';
import type { ConsentKind } from './case-consent.entity';
import { ServiceAddressRecord } from './service-address.entity';

/** The SQL of a case's consents and of its service address with the address's history. */
@Injectable()
export class CaseConsentRepository {
  /** The consents in force: given at filing and not withdrawn. */
  async inForce(manager: EntityManager, caseId: string): Promise<Set<ConsentKind>> {
    const rows = await manager.find(CaseConsent, {
      where: { caseId, withdrawnAt: IsNull() },
      select: { kind: true },
    });
    return new Set(rows.map((r) => r.kind));
  }

  list(manager: EntityManager, caseId: string): Promise<CaseConsent[]> {
    return manager.find(CaseConsent, { where: { caseId }, order: { grantedAt: 'ASC' } });
  }

  /** Marks a consent in force withdrawn; false when there was none to withdraw. */
  async withdraw(
    manager: EntityManager,
    caseId: string,
    kind: ConsentKind,
    at: Date,
  ): Promise<boolean> {
    const r = await manager.update(
      CaseConsent,
      { caseId, kind, withdrawnAt: IsNull() },
      { withdrawnAt: at },
    );
    return (r.affected ?? 0) > 0;
  }

  async insertAddress(
    manager: EntityManager,
    values: Omit<ServiceAddressRecord, 'id' | 'case'>,
  ): Promise<void> {
    await manager.insert(ServiceAddressRecord, values);
  }

  /** Where the case's notices go now: the newest confirmation. */
  current(manager: EntityManager, caseId: string): Promise<ServiceAddressRecord | null> {
    return manager.findOne(ServiceAddressRecord, {
      where: { caseId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  history(manager: EntityManager, caseId: string): Promise<ServiceAddressRecord[]> {
    return manager.find(ServiceAddressRecord, {
      where: { caseId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
