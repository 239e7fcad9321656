import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { JobsModule } from '../jobs/jobs.module';
import { UsersModule } from '../users/users.module';
import { AccountMailWriter } from './account-mail.writer';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailOutboxService } from './mail-outbox.service';
import { MailSender } from './mail-sender';
import { MailAdminController, NotificationsController } from './notifications.controller';
import { NotificationRepository } from './notification.repository';
import { NotificationsService } from './notifications.service';
import { NotificationAddressees } from './notification-addressees';
import { NoticeCodeRepository } from './notice-code.repository';
import { NoticeVerificationService } from './notice-verification.service';
import { PostalTaskRepository } from './postal-task.repository';
import { PostalTasksController } from './postal-tasks.controller';
import { PostalTasksService } from './postal-tasks.service';

/** Notifications: the in-app inbox and the mail outbox, fed by every workflow transition. */
@Module({
  imports: [AuthModule, CasesModule, JobsModule, UsersModule],
  controllers: [NotificationsController, MailAdminController, PostalTasksController],
  providers: [
    NotificationsService,
    NotificationRepository,
    MailOutboxRepository,
    MailOutboxService,
    MailSender,
    AccountMailWriter,
    PostalTaskRepository,
    PostalTasksService,
    NotificationAddressees,
    NoticeCodeRepository,
    NoticeVerificationService,
  ],
  exports: [NotificationsService, MailOutboxService, NoticeVerificationService],
})
export class NotificationsModule {}
