import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { SessionEffects } from './session.effects';
import { SessionMail } from './session-mail';
import { SessionReminders } from './session-reminders';
import { SessionRepository } from './session.repository';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Mediation sessions: booking without double-booking, invites, reminders, minutes. */
@Module({
  imports: [CasesModule, JobsModule, NotificationsModule, UsersModule],
  controllers: [SessionsController],
  providers: [SessionRepository, SessionEffects, SessionMail, SessionReminders, SessionsService],
})
export class SessionsModule {}
