import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { SessionEffects } from './session.effects';
import { SessionInviteController } from './session-invite.controller';
import { SessionInviteService } from './session-invite.service';
import { SessionMail } from './session-mail';
import { SessionReminders } from './session-reminders';
import { SessionRepository } from './session.repository';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Mediation sessions: booking without double-booking, invites, reminders, minutes. */
@Module({
  imports: [CasesModule, JobsModule, NotificationsModule, UsersModule],
  controllers: [SessionsController, SessionInviteController],
  providers: [
    SessionRepository,
    SessionEffects,
    SessionMail,
    SessionReminders,
    SessionsService,
    SessionInviteService,
  ],
  // The case page reads the same sessions and invites as the API.
  exports: [SessionsService, SessionInviteService],
})
export class SessionsModule {}
