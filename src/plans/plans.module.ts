import { Module } from '@nestjs/common';
import { PublicChecksModule } from '../common/verification-throttle';
import { CasesModule } from '../cases/cases.module';
import { JobsModule } from '../jobs/jobs.module';
import { LenderModule } from '../lender/lender.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SealModule } from '../seal/seal.module';
import { SettlementCertificateService } from './settlement-certificate.service';
import { CertificateVerificationController } from './certificate-verification.controller';
import { PaymentRecorder } from './payment-recorder';
import { PlanCompletion } from './plan-completion';
import { PaymentsImportService } from './payments-import.service';
import { PlanCreationService } from './plan-creation.service';
import { PlanEffects } from './plan.effects';
import { PlanRepository } from './plan.repository';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { PlanLateness } from './plan-lateness';
import { PlanLenderActs } from './plan-lender-acts.service';
import { PlanLenderActsController } from './plan-lender-acts.controller';
import { PlanLifeRepository } from './plan-life.repository';
import { PlanReminders } from './plan-reminders';
import { PlanSchedule } from './plan-schedule';
import { PlanTimeline } from './plan-timeline';
import { PaymentReportDecisionsService } from './payment-report-decisions.service';
import { PaymentReportEvents } from './payment-report-events';
import { PaymentReportRepository } from './payment-report.repository';
import { PaymentReportsController } from './payment-reports.controller';
import { PaymentReportsService } from './payment-reports.service';

/** After settlement: the repayment plan followed installment by installment (issue 16). */
@Module({
  imports: [
    CasesModule,
    JobsModule,
    LenderModule,
    NotificationsModule,
    PublicChecksModule,
    SealModule,
  ],
  controllers: [
    PlansController,
    CertificateVerificationController,
    PlanLenderActsController,
    PaymentReportsController,
  ],
  providers: [
    PlanRepository,
    PlanCreationService,
    PlanEffects,
    PaymentRecorder,
    PlanCompletion,
    PlansService,
    PaymentsImportService,
    SettlementCertificateService,
    // The plan's life after settlement: reminders, late marking, the lender's acts, events.
    PlanLifeRepository,
    PlanSchedule,
    PlanTimeline,
    PlanReminders,
    PlanLateness,
    PlanLenderActs,
    PaymentReportRepository,
    PaymentReportEvents,
    PaymentReportsService,
    PaymentReportDecisionsService,
  ],
  exports: [PlansService, PaymentReportsService, PaymentReportDecisionsService],
})
export class PlansModule {}
