import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import { JobsService } from '../jobs/jobs.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationRepository } from '../organizations/organization.repository';
import type { TransitionRecord } from '../cases/case-action.types';
import type { CaseRecord } from '../cases/case.entity';
import type { CaseEvent } from '../cases/case-event.entity';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { WebhookRepository } from './webhook.repository';
import { checkWebhookUrl, WebhookAddressError } from './webhook-address';
import type { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import {
  canonicalEvent,
  eventOf,
  pairQueue,
  toPlanWebhookEvent,
  toWebhookEvent,
  WEBHOOK_TASK,
} from './webhook-event';
import type { WebhookEventPayload } from './webhook-event';
import { assertPublicHost } from './webhook-sender';
import { generateWebhookSecret, sealSecret } from './webhook-signing';
import {
  CreatedWebhookResponse,
  DeliveryListQuery,
  WebhookDeliveryListResponse,
  WebhookDeliveryResponse,
  WebhookResponse,
} from './webhooks.dto';

/** Active endpoints per organisation: enough for a primary and a standby system. */
const MAX_ACTIVE_ENDPOINTS = 5;
/** Retries of the job itself, for crashes (the deliveries count their own attempts). */
const JOB_MAX_ATTEMPTS = 10;

const toWebhookResponse = (e: WebhookEndpoint): WebhookResponse => ({
  id: e.id,
  url: e.url,
  active: e.active,
  createdAt: e.createdAt.toISOString(),
});

function toDeliveryResponse(d: WebhookDelivery, attempts: WebhookAttempt[]) {
  const payload = canonicalEvent(d.payload);
  return {
    id: d.id,
    endpointId: d.endpointId,
    caseId: d.caseId,
    eventId: d.eventId,
    seq: d.seq,
    type: payload.type,
    status: d.status,
    attemptCount: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    payload,
    attempts: attempts.map((a) => ({
      attemptedAt: a.attemptedAt.toISOString(),
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    })),
  } satisfies WebhookDeliveryResponse;
}

/**
 * Lender webhooks: an admin registers endpoints per lender organisation; every
 * transition of a case whose lender was notified becomes one delivery row per
 * active endpoint plus a job, in the transition's own transaction (nothing
 * is sent there, so delivery never slows or fails the API call).
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: WebhookRepository,
    private readonly organizations: OrganizationRepository,
    private readonly jobs: JobsService,
    private readonly effects: CaseEffectRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.effects.announce('webhook', (r) => this.enqueueEvent(r));
  }

  async enqueueEvent(r: TransitionRecord): Promise<void> {
    await this.enqueuePayload(r.manager, r.case, r.event, toWebhookEvent(r), r.now);
  }

  /**
   * A plan event of the timeline (`payment_recorded`, `installment_late`, `plan_completed`, `installment_waived`),
   * through the same outbox as the transitions, so it is signed alike and keeps the case's order.
   */
  async enqueuePlanEvent(
    manager: EntityManager,
    c: CaseRecord,
    event: CaseEvent,
    data: Record<string, string | number>,
    now: Date,
  ): Promise<void> {
    await this.enqueuePayload(manager, c, event, toPlanWebhookEvent(c, event, data), now);
  }

  /** An event that is not a transition (the 司法确认 steps), under its own `type`, in order. */
  async enqueueCaseEvent(
    manager: EntityManager,
    c: CaseRecord,
    event: CaseEvent,
    now: Date,
    type: string,
  ): Promise<void> {
    await this.enqueuePayload(manager, c, event, eventOf(c, event, type), now);
  }

  private async enqueuePayload(
    manager: EntityManager,
    c: CaseRecord,
    event: CaseEvent,
    payload: WebhookEventPayload,
    now: Date,
  ): Promise<void> {
    if (!c.lenderNotifiedAt) return;
    const endpoints = await this.repo.activeEndpoints(manager, c.lenderOrganizationId);
    for (const endpoint of endpoints) {
      const { seq, retryAt } = await this.repo.nextSeq(manager, endpoint.id, c.id);
      await this.repo.insertDelivery(manager, {
        endpointId: endpoint.id,
        caseId: c.id,
        eventId: event.id,
        seq,
        payload,
        status: 'pending',
        createdAt: now,
      });
      // Behind a failing delivery of the same case, wait for its retry (keep its backoff).
      await this.schedulePair(manager, endpoint.id, c.id, retryAt ?? undefined);
    }
  }

  /** One job per (endpoint, case): the key keeps one pending, the queue runs them one at a time. */
  schedulePair(manager: EntityManager, endpointId: string, caseId: string, runAt?: Date) {
    const key = pairQueue(endpointId, caseId);
    return this.jobs.enqueue(
      manager,
      WEBHOOK_TASK,
      { endpointId, caseId },
      { jobKey: key, queueName: key, runAt, maxAttempts: JOB_MAX_ATTEMPTS },
    );
  }

  async register(
    p: Principal,
    organizationId: string,
    rawUrl: string,
  ): Promise<CreatedWebhookResponse> {
    const org = await this.lenderOrganization(p, organizationId);
    const url = await this.checkUrl(rawUrl);
    const secret = generateWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      await this.repo.lockOrganization(manager, org.id);
      if ((await this.repo.activeEndpoints(manager, org.id)).length >= MAX_ACTIVE_ENDPOINTS) {
        throw new AppError(
          'CONFLICT',
          `an organization has at most ${MAX_ACTIVE_ENDPOINTS} active webhooks; remove one first`,
        );
      }
      const saved = await this.repo.insertEndpoint(manager, {
        organizationId: org.id,
        url,
        secret: sealSecret(secret, this.config.jwtSecret!),
        active: true,
        createdAt: this.clock.now(),
      });
      return { ...toWebhookResponse(saved), secret };
    });
  }

  async list(p: Principal, organizationId: string): Promise<WebhookResponse[]> {
    await this.lenderOrganization(p, organizationId);
    const endpoints = await this.repo.endpointsOf(this.dataSource.manager, organizationId);
    return endpoints.map(toWebhookResponse);
  }

  /** Stops deliveries at once; what was still owed is given up (dead), the history stays. */
  async remove(p: Principal, organizationId: string, webhookId: string): Promise<void> {
    await this.lenderOrganization(p, organizationId);
    await this.dataSource.transaction(async (manager) => {
      const removed = await this.repo.deactivateEndpoint(manager, organizationId, webhookId);
      if (!removed) throw new AppError('NOT_FOUND', 'no such active webhook');
      await this.repo.giveUpOwed(manager, webhookId, 'the webhook was removed');
    });
  }

  async deliveries(
    p: Principal,
    organizationId: string,
    webhookId: string,
    q: DeliveryListQuery,
  ): Promise<WebhookDeliveryListResponse> {
    await this.lenderOrganization(p, organizationId);
    const manager = this.dataSource.manager;
    if (!(await this.repo.findEndpoint(manager, webhookId, organizationId))) {
      throw new AppError('NOT_FOUND', 'no such webhook');
    }
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repo.deliveries(manager, {
      endpointId: webhookId,
      status: q.status,
      limit,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const { items, nextCursor } = pageOf(rows, limit, (d) => [d.createdAt, d.id]);
    const attempts = await this.repo.attemptsOf(
      manager,
      items.map((d) => d.id),
    );
    return {
      items: items.map((d) =>
        toDeliveryResponse(
          d,
          attempts.filter((a) => a.deliveryId === d.id),
        ),
      ),
      nextCursor,
    };
  }

  /** A dead delivery gets a fresh round of attempts, now. */
  async retry(deliveryId: string): Promise<WebhookDeliveryResponse> {
    return this.dataSource.transaction(async (manager) => {
      const d = await this.repo.lockDelivery(manager, deliveryId);
      if (!d) throw new AppError('NOT_FOUND', 'no such webhook delivery');
      if (d.status !== 'dead') {
        throw new AppError(
          'CONFLICT',
          `only a dead delivery can be retried; this one is ${d.status}`,
        );
      }
      const endpoint = await this.repo.findEndpoint(manager, d.endpointId);
      if (!endpoint?.active) {
        throw new AppError('CONFLICT', 'the webhook of this delivery was removed');
      }
      await this.repo.updateDelivery(manager, d.id, {
        status: 'pending',
        attempts: 0,
        nextAttemptAt: null,
      });
      await this.schedulePair(manager, d.endpointId, d.caseId);
      const after = { ...d, status: 'pending' as const, attempts: 0, nextAttemptAt: null };
      return toDeliveryResponse(after, await this.repo.attemptsOf(manager, [d.id]));
    });
  }

  /**
   * The lender organisation whose webhooks `p` manages: any for an admin, its own for a
   * lender (another lender's answers 404, as if it did not exist).
   */
  private async lenderOrganization(p: Principal, id: string): Promise<Organization> {
    const mayManage = p.role === 'admin' || (p.role === 'lender' && p.organizationId === id);
    const org = mayManage ? await this.organizations.findById(this.dataSource.manager, id) : null;
    if (!org) throw new AppError('NOT_FOUND', 'no such organization');
    if (org.type !== 'lender') {
      throw new AppError('CONFLICT', 'webhooks are registered for lender organizations only');
    }
    return org;
  }

  private async checkUrl(raw: string): Promise<string> {
    try {
      const url = checkWebhookUrl(raw.trim(), this.config.webhookAllowedHosts);
      await assertPublicHost(url.hostname, this.config.webhookAllowedHosts);
      return url.toString();
    } catch (e) {
      if (e instanceof WebhookAddressError) {
        throw AppError.validation([{ field: 'url', message: e.message }]);
      }
      throw e;
    }
  }
}
