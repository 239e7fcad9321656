import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Evidence } from './evidence.entity';
import { EntityRead } from '../common/entity-read';
import { caseKeyed } from '../common/entity-prefetch';

/** The SQL of a case's evidence files. */
/** A case's evidence, oldest first (as `find` orders it, ties as the index gives them). */
const OF_CASE = caseKeyed(new EntityRead(Evidence, 'WHERE case_id = $1 ORDER BY created_at ASC'));

@Injectable()
export class EvidenceRepository {
  insert(manager: EntityManager, evidence: Partial<Evidence>): Promise<Evidence> {
    return manager.save(Evidence, manager.create(Evidence, evidence));
  }

  listForCase(manager: EntityManager, caseId: string): Promise<Evidence[]> {
    return OF_CASE.many(manager, [caseId]);
  }

  findOnCase(manager: EntityManager, caseId: string, id: string): Promise<Evidence | null> {
    return manager.findOneBy(Evidence, { id, caseId });
  }
}
