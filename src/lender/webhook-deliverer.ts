import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseDeadlinesService, startsPeriod } from '../cases/case-deadlines.service';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { JobsService } from '../jobs/jobs.service';
import { WebhookRepository } from './webhook.repository';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import type { WebhookEndpoint } from './webhook-endpoint.entity';
import { canonicalEvent, WEBHOOK_TASK } from './webhook-event';
import { retryDelayMs } from './webhook-retry';
import { postWebhook, SendOutcome } from './webhook-sender';
import { openSecret, signatureHeader } from './webhook-signing';
import { WebhooksService } from './webhooks.service';

export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The job behind every webhook: delivers the owed events of one (endpoint,
 * case) pair, oldest first, and stops at the first failure, so a case's
 * events reach the receiver in order. A failed delivery is tried again after
 * `retryDelayMs`; after WEBHOOK_MAX_ATTEMPTS it is dead and the next one goes.
 */
@Injectable()
export class WebhookDeliverer implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: WebhookRepository,
    private readonly jobs: JobsService,
    private readonly webhooks: WebhooksService,
    private readonly deadlines: CaseDeadlinesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(WEBHOOK_TASK, (payload) =>
      this.deliverPair(String(payload.endpointId), String(payload.caseId)),
    );
  }

  async deliverPair(endpointId: string, caseId: string): Promise<void> {
    const endpoint = await this.repo.findEndpoint(this.dataSource.manager, endpointId);
    if (!endpoint?.active) return;
    for (;;) {
      const delivery = await this.repo.nextOwed(this.dataSource.manager, endpointId, caseId);
      if (!delivery) return;
      // A dead delivery blocks nothing: the next one of the case goes (a gap in its order).
      if ((await this.attempt(endpoint, delivery)) === 'failed') return;
    }
  }

  /** One POST and its record; `delivered` when the receiver acknowledged it (2xx). */
  private async attempt(endpoint: WebhookEndpoint, d: WebhookDelivery): Promise<DeliveryStatus> {
    const number = d.attempts + 1;
    const attemptedAt = this.clock.now();
    const outcome = await this.send(endpoint, d, number, attemptedAt);
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const dead = !ok && number >= this.config.webhookMaxAttempts;
    const retryAt = ok || dead ? null : new Date(this.clock.now().getTime() + retryDelayMs(number));
    const status: DeliveryStatus = ok ? 'delivered' : dead ? 'dead' : 'failed';
    const deliveredAt = ok ? this.clock.now() : null;
    await this.dataSource.transaction(async (manager) => {
      await this.repo.insertAttempt(manager, {
        deliveryId: d.id,
        attemptedAt,
        statusCode: outcome.statusCode,
        error: outcome.error?.slice(0, 1000) ?? null,
        durationMs: outcome.durationMs,
      });
      await this.repo.updateDelivery(manager, d.id, {
        status,
        attempts: number,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error?.slice(0, 1000) ?? null,
        nextAttemptAt: retryAt,
        deliveredAt,
      });
      if (retryAt) await this.webhooks.schedulePair(manager, d.endpointId, d.caseId, retryAt);
      // Acknowledged by the lender's system: the service of a notice the event carries.
      if (deliveredAt && startsPeriod(d.payload.action, 'lender')) {
        await this.deadlines.noticeDelivered(manager, {
          caseId: d.caseId,
          action: d.payload.action,
          party: 'lender',
          channel: 'webhook',
          at: deliveredAt,
          reference: d.id,
        });
      }
    });
    return status;
  }

  private async send(
    endpoint: WebhookEndpoint,
    d: WebhookDelivery,
    number: number,
    at: Date,
  ): Promise<SendOutcome> {
    let secret: string;
    try {
      secret = openSecret(endpoint.secret, this.config.jwtSecret!);
    } catch (e) {
      return { statusCode: null, error: (e as Error).message, durationMs: 0 };
    }
    const event = canonicalEvent(d.payload);
    const body = JSON.stringify(event);
    const timestamp = Math.floor(at.getTime() / 1000);
    return postWebhook(
      endpoint.url,
      body,
      {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'mediation-webhooks/1',
        'x-mediation-signature': signatureHeader(secret, timestamp, body),
        'x-mediation-event-id': event.id,
        'x-mediation-delivery-attempt': String(number),
      },
      { timeoutMs: WEBHOOK_TIMEOUT_MS, allowedHosts: this.config.webhookAllowedHosts },
    );
  }
}
