import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal, Roles } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
import { MailOutboxService } from './mail-outbox.service';
import {
  MailListQuery,
  MailListResponse,
  MailResponse,
  MarkAllReadResponse,
  NotificationListQuery,
  NotificationListResponse,
  NotificationResponse,
  RetryDeadResponse,
  UnreadCountResponse,
} from './notifications.dto';
import { NotificationsService } from './notifications.service';
import { IdPipe } from '../common/id.pipe';

const API_KEY_NOTE =
  'An organisation API key is no person and has an empty inbox; lender representatives sign in to read theirs.';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @AnyRole()
  @Get()
  @ApiOperation({
    summary: 'The caller’s in-app notifications, newest first',
    description: `One per step of a case the caller is told about, worded as the mail. ${API_KEY_NOTE}`,
  })
  @ApiResponse({ status: 200, type: NotificationListResponse, description: 'A page of them' })
  list(
    @CurrentPrincipal() p: Principal,
    @Query() q: NotificationListQuery,
  ): Promise<NotificationListResponse> {
    return this.notifications.list(p, q);
  }

  @AnyRole()
  @Get('unread-count')
  @ApiOperation({ summary: 'How many of the caller’s notifications are unread' })
  @ApiResponse({ status: 200, type: UnreadCountResponse, description: 'The count' })
  unreadCount(@CurrentPrincipal() p: Principal): Promise<UnreadCountResponse> {
    return this.notifications.unreadCount(p);
  }

  @AnyRole()
  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notification of the caller read' })
  @ApiResponse({ status: 200, type: MarkAllReadResponse, description: 'How many were marked' })
  readAll(@CurrentPrincipal() p: Principal): Promise<MarkAllReadResponse> {
    return this.notifications.markAllRead(p);
  }

  @AnyRole()
  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read (again is harmless)' })
  @ApiResponse({ status: 200, type: NotificationResponse, description: 'The notification, read' })
  @ApiErrors({ NOT_FOUND: 'not one of the caller’s notifications' })
  read(
    @CurrentPrincipal() p: Principal,
    @Param('id', new IdPipe('notification')) id: string,
  ): Promise<NotificationResponse> {
    return this.notifications.markRead(p, id);
  }
}

const OUTBOX_NOTE = `Every mail passes through the outbox. A failed delivery is retried with exponential backoff (exp(min(attempt, 10)) seconds after attempt n) up to MAIL_MAX_ATTEMPTS (default 10: the last attempt about 3.6 hours after the first); a mail refused for good (SMTP 5xx) or out of attempts is \`dead\` until an admin retries it.`;

@ApiTags('admin')
@Controller('admin/mail')
export class MailAdminController {
  constructor(private readonly mail: MailOutboxService) {}

  @Roles('admin')
  @Get()
  @ApiOperation({
    summary: 'The mail outbox, newest first (e.g. `status=dead`)',
    description: OUTBOX_NOTE,
  })
  @ApiResponse({ status: 200, type: MailListResponse, description: 'A page of mails' })
  list(@Query() q: MailListQuery): Promise<MailListResponse> {
    return this.mail.list(q);
  }

  @Roles('admin')
  @Post('retry-dead')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry every dead mail now' })
  @ApiResponse({ status: 200, type: RetryDeadResponse, description: 'How many were queued again' })
  retryDead(): Promise<RetryDeadResponse> {
    return this.mail.retryDead();
  }

  @Roles('admin')
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry a dead (or waiting) mail now, with a fresh set of attempts',
    description: 'Under the same Message-ID, so a recipient who did get it sees the same mail.',
  })
  @ApiResponse({ status: 200, type: MailResponse, description: 'The mail, pending again' })
  @ApiErrors('NOT_FOUND', { CONFLICT: 'already sent, or being sent' })
  retry(@Param('id', new IdPipe('mail')) id: string): Promise<MailResponse> {
    return this.mail.retry(id);
  }
}
