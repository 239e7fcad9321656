import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { actorOf } from '../cases/case-action.types';
import type { CaseRecord } from '../cases/case.entity';
import { CaseEventRepository } from '../cases/case-event.repository';
import { NotificationsService } from '../notifications/notifications.service';
import type { Recipient } from '../workflow/transitions';

export type PaymentReportAction =
  'payment_reported' | 'payment_report_confirmed' | 'payment_report_disputed';

/** Who is told of each step: the party who must act next, or whose report it was. */
const TOLD: Record<PaymentReportAction, readonly Recipient[]> = {
  payment_reported: ['lender'],
  payment_report_confirmed: ['borrower'],
  payment_report_disputed: ['borrower', 'mediator'],
};

/**
 * A step of a payment report on the case's timeline (a plan event: from = to, the case keeps
 * its status) and its notice to the other side, in the caller's transaction.
 */
@Injectable()
export class PaymentReportEvents {
  constructor(
    private readonly events: CaseEventRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async record(
    m: EntityManager,
    p: Principal,
    c: CaseRecord,
    action: PaymentReportAction,
    at: Date,
    input: Record<string, string>,
  ): Promise<void> {
    await this.events.append(m, {
      caseId: c.id,
      action,
      from: c.status,
      to: c.status,
      actor: actorOf(p),
      input,
      at,
    });
    await this.notifications.notifyCaseParticipants(m, c, action, TOLD[action], {
      input,
      actorUserId: p.userId,
      now: at,
    });
  }
}
