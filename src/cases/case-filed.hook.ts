import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseRecord } from './case.entity';

type Listener = (manager: EntityManager, filed: CaseRecord, at: Date) => Promise<void>;

/**
 * Filing is not a transition of the table, so no `notify` announces it: the features above
 * (notifications: the borrower's receipt) listen here, and run in filing's transaction.
 */
@Injectable()
export class CaseFiledHook {
  private readonly listeners: Listener[] = [];

  listen(listener: Listener): void {
    this.listeners.push(listener);
  }

  async filed(manager: EntityManager, filed: CaseRecord, at: Date): Promise<void> {
    for (const listener of this.listeners) await listener(manager, filed, at);
  }
}
