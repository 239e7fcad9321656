import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal } from '../access/roles.decorator';
import { NotificationListQuery } from '../notifications/notifications.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { IdPipe } from '../common/id.pipe';
import { PageController } from './page-controller.decorator';
import { bindQuery } from './page-forms';
import type { FormBody } from './page-forms';
import { PageRenderer } from './page-renderer';

/** `/notifications`: the inbox of `GET /api/v1/notifications`. */
@PageController('notifications')
export class NotificationsPageController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly pages: PageRenderer,
  ) {}

  @AnyRole()
  @Get()
  async inbox(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Query() raw: FormBody,
  ): Promise<void> {
    const { query, form } = await bindQuery(NotificationListQuery, raw);
    const inbox = await this.notifications.list(p, query);
    return this.pages.render(req, reply, 'notifications', { form, ...inbox });
  }

  @AnyRole()
  @Post('read-all')
  async readAll(@Res() reply: FastifyReply, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.notifications.markAllRead(p);
    return this.pages.redirect(reply, '/notifications', {
      kind: 'success',
      key: 'flash.allRead',
    });
  }

  /** As `POST /api/v1/notifications/:id/read`: another person's notification is a 404. */
  @AnyRole()
  @Post(':id/read')
  async read(
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', new IdPipe('notification')) id: string,
  ): Promise<void> {
    await this.notifications.markRead(p, id);
    return this.pages.redirect(reply, '/notifications', { kind: 'success', key: 'flash.read' });
  }
}
