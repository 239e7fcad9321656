import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Evidence } from './evidence.entity';

/** The SQL of a case's evidence files. */
@Injectable()
export class EvidenceRepository {
  insert(manager: EntityManager, evidence: Partial<Evidence>): Promise<Evidence> {
    return manager.save(Evidence, manager.create(Evidence, evidence));
  }

  listForCase(manager: EntityManager, caseId: string): Promise<Evidence[]> {
    return manager.find(Evidence, { where: { caseId }, order: { createdAt: 'ASC' } });
  }

  findOnCase(manager: EntityManager, caseId: string, id: string): Promise<Evidence | null> {
    return manager.findOneBy(Evidence, { id, caseId });
  }
}
