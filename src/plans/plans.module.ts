import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { SealModule } from '../seal/seal.module';
import { SettlementCertificateService } from './settlement-certificate.service';
import { CertificateVerificationController } from './certificate-verification.controller';
import { PaymentRecorder } from './payment-recorder';
import { PaymentsImportService } from './payments-import.service';
import { PlanCreationService } from './plan-creation.service';
import { PlanEffects } from './plan.effects';
import { PlanRepository } from './plan.repository';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

/** After settlement: the repayment plan followed installment by installment (issue 16). */
@Module({
  imports: [CasesModule, SealModule],
  controllers: [PlansController, CertificateVerificationController],
  providers: [
    PlanRepository,
    PlanCreationService,
    PlanEffects,
    PaymentRecorder,
    PlansService,
    PaymentsImportService,
    SettlementCertificateService,
  ],
  exports: [PlansService],
})
export class PlansModule {}
