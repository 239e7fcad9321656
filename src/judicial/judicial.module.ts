import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CasesModule } from '../cases/cases.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { JobsModule } from '../jobs/jobs.module';
import { LenderModule } from '../lender/lender.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { JudicialClock } from './judicial-clock';
import { JudicialController } from './judicial.controller';
import { JudicialDocumentsService } from './judicial-documents.service';
import { JudicialEffects } from './judicial.effects';
import { JudicialReminders } from './judicial-reminders';
import { JudicialRepository } from './judicial.repository';
import { JudicialService } from './judicial.service';
import { JudicialWebhooks } from './judicial-webhooks';

/** After settlement: the 司法确认 hand-off with its 30-day clock (issue 16). */
@Module({
  imports: [
    CasesModule,
    CalendarModule,
    JobsModule,
    AgreementsModule,
    EvidenceModule,
    NotificationsModule,
    LenderModule,
  ],
  controllers: [JudicialController],
  providers: [
    JudicialRepository,
    JudicialService,
    JudicialDocumentsService,
    JudicialReminders,
    JudicialWebhooks,
    JudicialClock,
    JudicialEffects,
  ],
  // The case page's 司法确认 section calls the same services as the routes.
  exports: [JudicialService, JudicialDocumentsService],
})
export class JudicialModule {}
