import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { JobsModule } from '../jobs/jobs.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { LenderEffects } from './lender.effects';
import { WebhookRepository } from './webhook.repository';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * The lender's side beyond the case routes: its answer's effects, and webhooks to its
 * back-office system (registration, the durable delivery queue, signed POSTs).
 */
@Module({
  imports: [CasesModule, JobsModule, OrganizationsModule],
  controllers: [WebhooksController],
  providers: [LenderEffects, WebhooksService, WebhookRepository, WebhookDeliverer],
  exports: [WebhooksService],
})
export class LenderModule {}
