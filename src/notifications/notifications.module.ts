import { Global, Module } from '@nestjs/common';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailOutboxService } from './mail-outbox.service';
import { MailSender } from './mail-sender';
import { MailAdminController, NotificationsController } from './notifications.controller';
import { NotificationRepository } from './notification.repository';
import { NotificationsService } from './notifications.service';

/**
 * Notifications: the in-app inbox and the mail outbox, fed by every workflow transition.
 * `MailExtensions` (where sessions and agreements add to the mails) is provided once, by the
 * global CasesModule, so every feature registers into the same instance.
 */
@Global()
@Module({
  controllers: [NotificationsController, MailAdminController],
  providers: [
    NotificationsService,
    NotificationRepository,
    MailOutboxRepository,
    MailOutboxService,
    MailSender,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
