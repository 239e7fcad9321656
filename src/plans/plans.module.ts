import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
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
import { PaymentReportDecisionsService } from './payment-report-decisions.service';
import { PaymentReportEvents } from './payment-report-events';
import { PaymentReportRepository } from './payment-report.repository';
import { PaymentReportsController } from './payment-reports.controller';
import { PaymentReportsService } from './payment-reports.service';

/** After settlement: the repayment plan followed installment by installment (issue 16). */
@Module({
  imports: [CasesModule, NotificationsModule, SealModule],
  controllers: [PlansController, CertificateVerificationController, PaymentReportsController],
  providers: [
    PlanRepository,
    PlanCreationService,
    PlanEffects,
    PaymentRecorder,
    PlansService,
    PaymentsImportService,
    SettlementCertificateService,
    PaymentReportRepository,
    PaymentReportEvents,
    PaymentReportsService,
    PaymentReportDecisionsService,
  ],
  exports: [PlansService, PaymentReportsService, PaymentReportDecisionsService],
})
export class PlansModule {}
