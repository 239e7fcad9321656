import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AgreementEffects } from './agreement.effects';
import { AgreementRepository } from './agreement.repository';
import { AgreementSigningService } from './agreement-signing.service';
import { AgreementStorage } from './agreement-storage';
import { AgreementTextService } from './agreement-text.service';
import { AgreementsController, VerificationController } from './agreements.controller';
import { AgreementsService } from './agreements.service';

/** The written agreement: versions, signing, sealing, downloads and public verification. */
@Module({
  imports: [CasesModule],
  controllers: [AgreementsController, VerificationController],
  providers: [
    AgreementsService,
    AgreementSigningService,
    AgreementRepository,
    AgreementStorage,
    AgreementEffects,
    AgreementTextService,
  ],
  // The pages call the same reads and verification as the API.
  exports: [AgreementsService, AgreementTextService],
})
export class AgreementsModule {}
