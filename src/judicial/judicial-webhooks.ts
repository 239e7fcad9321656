import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseRecord } from '../cases/case.entity';
import type { CaseEvent } from '../cases/case-event.entity';
import { WebhooksService } from '../lender/webhooks.service';

/** The webhook type of every step of the hand-off; `action` says which step it was. */
export const JUDICIAL_WEBHOOK_TYPE = 'judicial_confirmation.updated';

/** Tells the lender's back office of each step, through the lender webhook outbox. */
@Injectable()
export class JudicialWebhooks {
  constructor(private readonly webhooks: WebhooksService) {}

  updated(m: EntityManager, c: CaseRecord, event: CaseEvent, now: Date): Promise<void> {
    return this.webhooks.enqueueCaseEvent(m, c, event, now, JUDICIAL_WEBHOOK_TYPE);
  }
}
