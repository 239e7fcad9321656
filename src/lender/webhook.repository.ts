import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Cursor } from '../common/pagination';
import { WebhookAttempt } from './webhook-attempt.entity';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export interface DeliveryPage {
  endpointId: string;
  status?: DeliveryStatus;
  limit: number;
  /** After this (createdAt, id), newest first. */
  after?: Cursor;
}

/** The SQL of webhooks: endpoints, the delivery queue per (endpoint, case), attempts. */
@Injectable()
export class WebhookRepository {
  activeEndpoints(manager: EntityManager, organizationId: string): Promise<WebhookEndpoint[]> {
    return manager.find(WebhookEndpoint, {
      where: { organizationId, active: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** Serialises registrations for one organisation (the per-organisation limit). */
  async lockOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [organizationId]);
  }

  endpointsOf(manager: EntityManager, organizationId: string): Promise<WebhookEndpoint[]> {
    return manager.find(WebhookEndpoint, {
      where: { organizationId },
      order: { createdAt: 'DESC' },
    });
  }

  findEndpoint(
    manager: EntityManager,
    id: string,
    organizationId?: string,
  ): Promise<WebhookEndpoint | null> {
    return manager.findOneBy(WebhookEndpoint, organizationId ? { id, organizationId } : { id });
  }

  /**
   * The next `seq` of a pair, and when its failing head (if any) is due again.
   * The caller holds the case's row lock, so two transitions cannot take one seq.
   */
  async nextSeq(
    manager: EntityManager,
    endpointId: string,
    caseId: string,
  ): Promise<{ seq: number; retryAt: Date | null }> {
    const [row]: { seq: number; retry_at: Date | null }[] = await manager.query(
      `SELECT coalesce(max(seq), 0) + 1 AS seq,
              min(next_attempt_at) FILTER (WHERE status = 'failed') AS retry_at
         FROM webhook_deliveries
        WHERE endpoint_id = $1 AND case_id = $2`,
      [endpointId, caseId],
    );
    return { seq: Number(row.seq), retryAt: row.retry_at };
  }

  /** The oldest delivery of a pair still owed (pending, or failed and waiting for a retry). */
  nextOwed(
    manager: EntityManager,
    endpointId: string,
    caseId: string,
  ): Promise<WebhookDelivery | null> {
    return manager.findOne(WebhookDelivery, {
      where: { endpointId, caseId, status: In(['pending', 'failed']) },
      order: { seq: 'ASC' },
    });
  }

  /** Gives up everything still owed to an endpoint (it was removed). */
  async giveUpOwed(manager: EntityManager, endpointId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'dead', last_error = $2, next_attempt_at = NULL
        WHERE endpoint_id = $1 AND status IN ('pending', 'failed')`,
      [endpointId, reason],
    );
  }

  deliveries(manager: EntityManager, page: DeliveryPage): Promise<WebhookDelivery[]> {
    const qb = manager
      .createQueryBuilder(WebhookDelivery, 'd')
      .where('d.endpoint_id = :endpointId', { endpointId: page.endpointId });
    if (page.status) qb.andWhere('d.status = :status', { status: page.status });
    if (page.after) {
      qb.andWhere('(d.created_at, d.id) < (:afterAt, :afterId)', {
        afterAt: page.after.at,
        afterId: page.after.id,
      });
    }
    return qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(page.limit + 1)
      .getMany();
  }

  attemptsOf(manager: EntityManager, deliveryIds: string[]): Promise<WebhookAttempt[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return manager.find(WebhookAttempt, {
      where: { deliveryId: In(deliveryIds) },
      order: { id: 'ASC' },
    });
  }

  insertDelivery(
    manager: EntityManager,
    d: QueryDeepPartialEntity<WebhookDelivery>,
  ): Promise<unknown> {
    return manager.insert(WebhookDelivery, d);
  }

  insertEndpoint(manager: EntityManager, e: Partial<WebhookEndpoint>): Promise<WebhookEndpoint> {
    return manager.save(WebhookEndpoint, manager.create(WebhookEndpoint, e));
  }

  /** False when the organisation had no such active endpoint. */
  async deactivateEndpoint(
    manager: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<boolean> {
    const result = await manager.update(
      WebhookEndpoint,
      { id, organizationId, active: true },
      { active: false },
    );
    return (result.affected ?? 0) > 0;
  }

  lockDelivery(manager: EntityManager, id: string): Promise<WebhookDelivery | null> {
    return manager.findOne(WebhookDelivery, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findDelivery(manager: EntityManager, id: string): Promise<WebhookDelivery | null> {
    return manager.findOneBy(WebhookDelivery, { id });
  }

  async updateDelivery(
    manager: EntityManager,
    id: string,
    values: QueryDeepPartialEntity<WebhookDelivery>,
  ): Promise<void> {
    await manager.update(WebhookDelivery, id, values);
  }

  async insertAttempt(
    manager: EntityManager,
    a: QueryDeepPartialEntity<WebhookAttempt>,
  ): Promise<void> {
    await manager.insert(WebhookAttempt, a);
  }
}
