import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { MAIL_STATUSES } from './mail-outbox.entity';
import type { MailStatus } from './mail-outbox.entity';

export class NotificationListQuery extends PageQuery {}

export class NotificationResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'accept.borrower', description: '`<action>.<recipient>`' })
  kind: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ description: 'As the mail’s subject, in the case’s language' }) title: string;
  @ApiProperty({ description: 'As the mail’s plain-text body' }) body: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
  @ApiProperty() createdAt: string;
}

export class NotificationListResponse {
  @ApiProperty({ type: [NotificationResponse] }) items: NotificationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: 'Unread notifications in the whole inbox' }) unreadCount: number;
}

export class UnreadCountResponse {
  @ApiProperty() unreadCount: number;
}

export class MarkAllReadResponse {
  @ApiProperty({ description: 'How many were unread and are now read' }) marked: number;
  @ApiProperty() unreadCount: number;
}

export class MailListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MAIL_STATUSES })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;
}

export class MailResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ example: 'accept.lender' }) kind: string;
  @ApiProperty({ enum: ['zh-CN', 'en'] }) locale: string;
  @ApiProperty() toAddress: string;
  @ApiProperty() toName: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: MAIL_STATUSES }) status: MailStatus;
  @ApiProperty({ description: 'Delivery attempts made so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'While pending after a failure' })
  nextAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The SMTP reply or network error' })
  lastError: string | null;
  @ApiProperty({ example: '<3f1c…@mediation.local>' }) messageId: string;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
  @ApiProperty() createdAt: string;
}

export class MailListResponse {
  @ApiProperty({ type: [MailResponse] }) items: MailResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RetryDeadResponse {
  @ApiProperty({ description: 'Dead mails made due again' }) retried: number;
}
