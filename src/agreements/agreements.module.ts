import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
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

/** The written agreement: versions, signing, sealing, downloads and public verification. */
@Module({
  imports: [CasesModule],
  controllers: [AgreementsController, VerificationController, PrintLogController],
  providers: [
    AgreementsService,
    AgreementSigningService,
    AgreementRepository,
    AgreementStorage,
    AgreementEffects,
    AgreementTextService,
    PrintLogRepository,
    PrintLogService,
  ],
  // The pages call the same reads, verification and print record as the API.
  exports: [AgreementsService, AgreementTextService, PrintLogService],
})
export class AgreementsModule {}
