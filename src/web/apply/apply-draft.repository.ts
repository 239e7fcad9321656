import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplyDraft } from './apply-draft.entity';

/** The SQL of the application drafts. */
@Injectable()
export class ApplyDraftRepository {
  find(manager: EntityManager, borrowerId: string): Promise<ApplyDraft | null> {
    return manager.findOneBy(ApplyDraft, { borrowerId });
  }

  async save(manager: EntityManager, draft: ApplyDraft): Promise<void> {
    await manager.upsert(ApplyDraft, draft, ['borrowerId']);
  }

  async delete(manager: EntityManager, borrowerId: string): Promise<void> {
    await manager.delete(ApplyDraft, { borrowerId });
  }
}
