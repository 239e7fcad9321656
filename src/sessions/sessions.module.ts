import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CasesModule } from '../cases/cases.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { MediatorWorkloadController } from './mediator-workload.controller';
import { MediatorWorkloadRepository } from './mediator-workload.repository';
import { MediatorWorkloadService } from './mediator-workload.service';
import { SessionEffects } from './session.effects';
import { SessionMail } from './session-mail';
import { SessionReminders } from './session-reminders';
import { SessionRepository } from './session.repository';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Mediation sessions: booking without double-booking, invites, reminders, minutes. */
@Module({
  imports: [CalendarModule, CasesModule, JobsModule, NotificationsModule, UsersModule],
  controllers: [SessionsController, MediatorWorkloadController],
  providers: [
    MediatorWorkloadRepository,
    MediatorWorkloadService,
    SessionRepository,
    SessionEffects,
    SessionMail,
    SessionReminders,
    SessionsService,
  ],
  exports: [MediatorWorkloadService],
})
export class SessionsModule {}
