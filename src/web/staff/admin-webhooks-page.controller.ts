import { Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../../access/roles.decorator';
import { DELIVERY_STATUSES } from '../../lender/webhook-delivery.entity';
import { DeliveryListQuery } from '../../lender/webhooks.dto';
import { WebhooksService } from '../../lender/webhooks.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PageController } from '../page-controller.decorator';
import { bindQuery, formFailure } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';
import { PageRenderer, pagePrincipal } from '../page-renderer';

/**
 * A lender's webhooks and their deliveries for the admin: `GET /organizations/:id/webhooks`,
 * `GET …/webhooks/:webhookId/deliveries` and `POST /webhook-deliveries/:id/retry`, through
 * WebhooksService as the API routes (a centre answers the API's 409, an unknown id its 404).
 */
@PageController('admin/organizations/:id/webhooks')
@Roles('admin')
export class AdminWebhooksPageController {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly organizations: OrganizationsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    const webhooks = await this.webhooks.list(pagePrincipal(req)!, id);
    const organization = await this.organizations.findOrFail(id);
    return this.pages.render(
      req,
      reply,
      'staff/admin-webhooks',
      { organization, webhooks },
      { titleKey: 'admin.webhooks.title', page: 'admin-webhooks' },
    );
  }

  @Get(':webhookId')
  deliveries(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('webhookId', ParseUUIDPipe) webhookId: string,
    @Query() query: FormBody,
  ): Promise<void> {
    return this.renderDeliveries(req, reply, id, webhookId, query);
  }

  @Post(':webhookId/deliveries/:deliveryId/retry')
  async retry(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('webhookId', ParseUUIDPipe) webhookId: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
  ): Promise<void> {
    try {
      await this.webhooks.retry(deliveryId);
    } catch (e) {
      return this.renderDeliveries(req, reply, id, webhookId, {}, formFailure(e, {}));
    }
    return this.pages.redirect(reply, `/admin/organizations/${id}/webhooks/${webhookId}`, {
      kind: 'success',
      key: 'flash.admin.deliveryRetried',
    });
  }

  private async renderDeliveries(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    webhookId: string,
    rawQuery: FormBody,
    failed?: FormState,
  ) {
    const p = pagePrincipal(req)!;
    const { query, form } = await bindQuery(DeliveryListQuery, rawQuery);
    const page = await this.webhooks.deliveries(p, id, webhookId, query);
    const webhook = (await this.webhooks.list(p, id)).find((w) => w.id === webhookId)!;
    const organization = await this.organizations.findOrFail(id);
    const base = `/admin/organizations/${id}/webhooks/${webhookId}`;
    return this.pages.render(
      req,
      reply,
      'staff/admin-webhook-deliveries',
      {
        organization,
        webhook,
        deliveries: page.items,
        filterForm: form,
        failed: failed ?? null,
        base,
        statusOptions: DELIVERY_STATUSES.map((v) => ({
          value: v,
          key: `admin.webhooks.statuses.${v}`,
        })),
        next: page.nextCursor
          ? `${base}?${new URLSearchParams({ status: query.status ?? '', cursor: page.nextCursor })}`
          : null,
      },
      {
        status: failed?.status ?? 200,
        titleKey: 'admin.webhooks.deliveriesTitle',
        page: 'admin-webhook-deliveries',
      },
    );
  }
}
