import { Module } from '@nestjs/common';
import { SessionEffects } from './session.effects';
import { SessionMail } from './session-mail';
import { SessionReminders } from './session-reminders';
import { SessionRepository } from './session.repository';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Mediation sessions: booking without double-booking, invites, reminders, minutes. */
@Module({
  controllers: [SessionsController],
  providers: [SessionRepository, SessionEffects, SessionMail, SessionReminders, SessionsService],
})
export class SessionsModule {}
