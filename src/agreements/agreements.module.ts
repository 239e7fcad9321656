import { Module } from '@nestjs/common';
import { PublicChecksModule } from '../common/verification-throttle';
import { CasesModule } from '../cases/cases.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SealModule } from '../seal/seal.module';
import { AgreementDraftingService } from './agreement-drafting.service';
import { AgreementSealingService } from './agreement-sealing.service';
import { AgreementEffects } from './agreement.effects';
import { AgreementRepository } from './agreement.repository';
import { AgreementSigningService } from './agreement-signing.service';
import { AgreementStorage } from './agreement-storage';
import { AgreementTextService } from './agreement-text.service';
import { AgreementsController, VerificationController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { PrintLogController } from './print-log.controller';
import { PrintLogRepository } from './print-log.repository';
import { PrintLogService } from './print-log.service';
import { SchedulePreviewController } from './schedule-preview.controller';
import { SchedulePreviewService } from './schedule-preview.service';

/** The written agreement: versions, signing, the mediator's seal, downloads, public verification. */
@Module({
  imports: [CasesModule, OrganizationsModule, PublicChecksModule, SealModule],
  controllers: [
    AgreementsController,
    VerificationController,
    PrintLogController,
    SchedulePreviewController,
  ],
  providers: [
    AgreementsService,
    AgreementDraftingService,
    AgreementSigningService,
    AgreementSealingService,
    AgreementRepository,
    AgreementStorage,
    AgreementEffects,
    AgreementTextService,
    PrintLogRepository,
    PrintLogService,
    SchedulePreviewService,
  ],
  // The pages call the same reads, verification and print record as the API.
  exports: [AgreementsService, AgreementTextService, PrintLogService, SchedulePreviewService],
})
export class AgreementsModule {}
