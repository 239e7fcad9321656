import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventActor } from '../cases/case-action.types';
import type { CaseRecord } from '../cases/case.entity';
import type { CaseEvent } from '../cases/case-event.entity';
import { CaseEventRepository } from '../cases/case-event.repository';
import { isPlanWebhookAction } from '../lender/webhook-event';
import { WebhooksService } from '../lender/webhooks.service';
import type { MailAction } from '../notifications/mail-templates';
import { NotificationsService } from '../notifications/notifications.service';
import type { Recipient } from '../workflow/transition.types';

/**
 * Who is told of each plan event, as the transition table says it for transitions: the plan's
 * events are not transitions, so their announcements are listed here, in one place.
 */
interface PlanNotice {
  kind: MailAction;
  to: readonly Recipient[];
  /** Told even the person who acted: the lender's representative who reported the last payment. */
  notifyActor?: boolean;
}
const PLAN_NOTICES: Partial<Record<string, PlanNotice>> = {
  installment_late: { kind: 'installment_late', to: ['borrower', 'lender', 'mediator'] },
  // The lender is asked to confirm completion (POST /cases/:id/plan/confirm-completion).
  plan_completed: { kind: 'plan_completed', to: ['lender'], notifyActor: true },
  acceleration_invoked: { kind: 'acceleration_invoked', to: ['borrower', 'mediator'] },
  installment_waived: { kind: 'installment_waived', to: ['borrower', 'mediator'] },
};

type Scalar = string | number;
const scalars = (input: Record<string, unknown>): Record<string, Scalar> =>
  Object.fromEntries(
    Object.entries(input).filter(
      (e): e is [string, Scalar] => typeof e[1] === 'string' || typeof e[1] === 'number',
    ),
  );

/**
 * The plan's events on the case's timeline, and what each announces: written through the
 * timeline's one writer with from = to (the workflow does not move), then the notices of
 * PLAN_NOTICES and, for `payment_recorded`, `installment_late`, `installment_waived` and
 * `plan_completed`, the lender's
 * webhook through the same outbox as the transitions — all in the caller's transaction.
 */
@Injectable()
export class PlanTimeline {
  constructor(
    private readonly events: CaseEventRepository,
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhooksService,
  ) {}

  async note(
    m: EntityManager,
    actor: EventActor,
    c: CaseRecord,
    action: string,
    at: Date,
    input: Record<string, unknown>,
  ): Promise<CaseEvent> {
    const event = await this.events.append(m, {
      caseId: c.id,
      action,
      from: c.status,
      to: c.status,
      actor,
      input,
      at,
    });
    const notice = PLAN_NOTICES[action];
    if (notice) {
      await this.notifications.notifyCaseParticipants(m, c, notice.kind, notice.to, {
        input: scalars(input),
        actorUserId: actor.userId,
        notifyActor: notice.notifyActor ?? false,
        now: at,
      });
    }
    if (isPlanWebhookAction(action)) {
      await this.webhooks.enqueuePlanEvent(m, c, event, scalars(input), at);
    }
    return event;
  }
}
