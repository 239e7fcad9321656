import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../../access/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { MAIL_STATUSES } from '../../notifications/mail-outbox.entity';
import { MailOutboxService } from '../../notifications/mail-outbox.service';
import { MailListQuery } from '../../notifications/notifications.dto';
import { PageController } from '../page-controller.decorator';
import { bindQuery, formFailure } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';
import { PageRenderer } from '../page-renderer';

/**
 * `/admin/mail`: the mail outbox, dead letters first shown (`GET /admin/mail?status=dead`), with
 * retry of one (`POST /admin/mail/:id/retry`) or of every dead one (`POST
 * /admin/mail/retry-dead`), through MailOutboxService as the API routes.
 */
@PageController('admin/mail')
@Roles('admin')
export class AdminMailPageController {
  constructor(
    private readonly mail: MailOutboxService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: FormBody,
  ): Promise<void> {
    return this.renderList(req, reply, query);
  }

  @Post('retry-dead')
  async retryDead(@Res() reply: FastifyReply): Promise<void> {
    await this.mail.retryDead();
    return this.pages.redirect(reply, '/admin/mail', {
      kind: 'success',
      key: 'flash.admin.mailRetried',
    });
  }

  @Post(':id/retry')
  async retry(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', new IdPipe('mail')) id: string,
  ): Promise<void> {
    try {
      await this.mail.retry(id);
    } catch (e) {
      // Already sent or being sent: the API's 409 and its words, above the list.
      return this.renderList(req, reply, {}, formFailure(e, {}));
    }
    return this.pages.redirect(reply, '/admin/mail', {
      kind: 'success',
      key: 'flash.admin.mailRetried',
    });
  }

  private async renderList(
    req: FastifyRequest,
    reply: FastifyReply,
    rawQuery: FormBody,
    failed?: FormState,
  ) {
    // Dead letters are what an admin comes here for; `status=` (empty) shows every mail.
    const withDefault = { status: 'dead', ...rawQuery };
    const { query, form } = await bindQuery(MailListQuery, withDefault);
    const page = await this.mail.list(query);
    const status = query.status ?? null;
    return this.pages.render(
      req,
      reply,
      'staff/admin-mail',
      {
        mails: page.items.map((m) => ({
          ...m,
          retryable: m.status === 'dead' || m.status === 'pending',
        })),
        filterForm: form,
        failed: failed ?? null,
        showingDead: status === 'dead',
        statusOptions: MAIL_STATUSES.map((v) => ({ value: v, key: `admin.mail.statuses.${v}` })),
        next: page.nextCursor
          ? `/admin/mail?${new URLSearchParams({ status: status ?? '', cursor: page.nextCursor })}`
          : null,
      },
      { status: failed?.status ?? 200, titleKey: 'admin.mail.title', page: 'admin-mail' },
    );
  }
}
