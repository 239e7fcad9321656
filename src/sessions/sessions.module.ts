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
import { SessionInviteController } from './session-invite.controller';
import { SessionInviteService } from './session-invite.service';
import { SessionMail } from './session-mail';
import { SessionReminders } from './session-reminders';
import { SessionRepository } from './session.repository';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SlotCheckService } from './slot-check.service';

/** Mediation sessions: booking without double-booking, invites, reminders, minutes. */
@Module({
  imports: [CalendarModule, CasesModule, JobsModule, NotificationsModule, UsersModule],
  controllers: [SessionsController, SessionInviteController, MediatorWorkloadController],
  providers: [
    MediatorWorkloadRepository,
    MediatorWorkloadService,
    SlotCheckService,
    SessionRepository,
    SessionEffects,
    SessionMail,
    SessionReminders,
    SessionsService,
    SessionInviteService,
  ],
  // The case page reads the same sessions and invites as the API; the staff pages the workload.
  exports: [SessionsService, SessionInviteService, MediatorWorkloadService, SlotCheckService],
})
export class SessionsModule {}
