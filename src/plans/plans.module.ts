import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PaymentRecorder } from './payment-recorder';
import { PaymentsImportService } from './payments-import.service';
import { PlanCreationService } from './plan-creation.service';
import { PlanEffects } from './plan.effects';
import { PlanRepository } from './plan.repository';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

/** After settlement: the repayment plan followed installment by installment (issue 16). */
@Module({
  imports: [CasesModule],
  controllers: [PlansController],
  providers: [
    PlanRepository,
    PlanCreationService,
    PlanEffects,
    PaymentRecorder,
    PlansService,
    PaymentsImportService,
  ],
  exports: [PlansService],
})
export class PlansModule {}
