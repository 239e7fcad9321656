import { Module } from '@nestjs/common';
import { WebhookRepository } from './webhook.repository';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * The lender's side beyond the case routes: webhooks to its back-office
 * system (registration, the durable delivery queue, signed POSTs).
 */
@Module({
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookRepository, WebhookDeliverer],
})
export class LenderModule {}
