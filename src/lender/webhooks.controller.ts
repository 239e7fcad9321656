import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
import {
  CreatedWebhookResponse,
  CreateWebhookDto,
  DeliveryListQuery,
  WebhookDeliveryListResponse,
  WebhookDeliveryResponse,
  WebhookEvent,
  WebhookResponse,
} from './webhooks.dto';
import { WebhooksService } from './webhooks.service';

const WEBHOOKS = `Every transition of a case of this lender, from the clerk's \`accept\` on, is POSTed to each active webhook of the organization as JSON (schema \`WebhookEvent\`), with headers:

- \`X-Mediation-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>\`: verify it over the raw bytes, compare in constant time, refuse a \`t\` older than 5 minutes;
- \`X-Mediation-Event-Id\`: the event id (= body \`id\`), the same on every attempt: dedupe on it;
- \`X-Mediation-Delivery-Attempt\`: 1, 2, …

Answer 2xx within 10 s to acknowledge. Anything else (or no answer, or a redirect: redirects are not followed) is retried after 30 s, 1, 2, 4 … minutes (doubling, at most 6 h) until WEBHOOK_MAX_ATTEMPTS (default 10, about 4 h 15 min), then the delivery is dead and an admin may retry it.

A lender (its representatives and its API keys) manages the webhooks of its own organization; another organization's answer 404. An admin manages any lender's. The events of one case arrive one at a time, in order; a dead one is skipped, leaving a gap (use \`case.version\`). See docs/lender-integration.md.`;

const NOT_YOURS = 'no such lender organization, or not yours';

@ApiTags('webhooks')
@ApiExtraModels(WebhookEvent)
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Roles('admin', 'lender')
  @Post('organizations/:id/webhooks')
  @ApiOperation({
    summary: 'Register a webhook for a lender organization; the signing secret is shown once',
    description: WEBHOOKS,
  })
  @ApiResponse({
    status: 201,
    type: CreatedWebhookResponse,
    description: 'The webhook, with its signing secret (shown this once)',
  })
  @ApiErrors(
    {
      VALIDATION_FAILED:
        '`url` not https, or resolving to a private, loopback or link-local address; or `id` not a uuid',
    },
    { NOT_FOUND: NOT_YOURS, CONFLICT: 'not a lender organization, or 5 active webhooks already' },
  )
  create(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateWebhookDto,
  ): Promise<CreatedWebhookResponse> {
    return this.webhooks.register(p, id, dto.url);
  }

  @Roles('admin', 'lender')
  @Get('organizations/:id/webhooks')
  @ApiOperation({
    summary: 'The webhooks of a lender organization (secrets are never shown again)',
  })
  @ApiResponse({
    status: 200,
    type: [WebhookResponse],
    description: 'Newest first, removed ones too',
  })
  @ApiErrors('VALIDATION_FAILED', { NOT_FOUND: NOT_YOURS, CONFLICT: 'not a lender organization' })
  list(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<WebhookResponse[]> {
    return this.webhooks.list(p, id);
  }

  @Roles('admin', 'lender')
  @Delete('organizations/:id/webhooks/:webhookId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a webhook: nothing more is sent to it; what it was still owed is given up',
  })
  @ApiResponse({ status: 204, description: 'Removed; its deliveries stay visible' })
  @ApiErrors('VALIDATION_FAILED', {
    NOT_FOUND: 'no such active webhook of this organization, or not yours',
    CONFLICT: 'not a lender organization',
  })
  async remove(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('webhookId', ParseUUIDPipe) webhookId: string,
  ): Promise<void> {
    await this.webhooks.remove(p, id, webhookId);
  }

  @Roles('admin', 'lender')
  @Get('organizations/:id/webhooks/:webhookId/deliveries')
  @ApiOperation({ summary: 'Deliveries of a webhook, newest first, each with all its attempts' })
  @ApiResponse({
    status: 200,
    type: WebhookDeliveryListResponse,
    description: 'A page of deliveries',
  })
  @ApiErrors({
    NOT_FOUND: 'no such webhook of this organization, or not yours',
    CONFLICT: 'not a lender organization',
  })
  deliveries(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('webhookId', ParseUUIDPipe) webhookId: string,
    @Query() q: DeliveryListQuery,
  ): Promise<WebhookDeliveryListResponse> {
    return this.webhooks.deliveries(p, id, webhookId, q);
  }

  @Roles('admin')
  @Post('webhook-deliveries/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry a dead delivery now, with a fresh round of attempts' })
  @ApiResponse({
    status: 200,
    type: WebhookDeliveryResponse,
    description: 'The delivery, pending again',
  })
  @ApiErrors('VALIDATION_FAILED', 'NOT_FOUND', { CONFLICT: 'not dead, or its webhook was removed' })
  retry(@Param('id', ParseUUIDPipe) id: string): Promise<WebhookDeliveryResponse> {
    return this.webhooks.retry(id);
  }
}
