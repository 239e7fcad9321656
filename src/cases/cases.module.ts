import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { AccessLogController } from './access-log.controller';
import { AccessLogRepository } from './access-log.repository';
import { AccessLogService } from './access-log.service';
import { BorrowerThrottle } from './borrower-throttle';
import { CaseFiledHook } from './case-filed.hook';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UsersModule } from '../users/users.module';
import { CaseActionsController } from './case-actions.controller';
import { CaseActionsService } from './case-actions.service';
import { CaseDeadlineEffects } from './case-deadline.effects';
import { CaseDeadlineRepository } from './case-deadline.repository';
import { CaseDeadlinesService } from './case-deadlines.service';
import { CaseExtensionEffects } from './case-extension.effects';
import { CaseEffectRegistry } from './case-effect.registry';
import { CaseEffects } from './case.effects';
import { CaseEventRepository } from './case-event.repository';
import { CaseRepository } from './case.repository';
import { CaseConsentRepository } from './case-consent.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { IdempotencyService } from './idempotency.service';

/**
 * Cases and the use cases that move them through the workflow. Other features claim the
 * table's effects in `CaseEffectRegistry` and read cases through `CaseRepository`.
 */
@Module({
  imports: [UsersModule, OrganizationsModule, CalendarModule],
  controllers: [CasesController, CaseActionsController, AccessLogController],
  providers: [
    AccessLogRepository,
    AccessLogService,
    BorrowerThrottle,
    CasesService,
    CaseRepository,
    CaseConsentRepository,
    CaseEventRepository,
    IdempotencyService,
    CaseActionsService,
    CaseEffectRegistry,
    CaseEffects,
    CaseDeadlineRepository,
    CaseDeadlineEffects,
    CaseExtensionEffects,
    CaseDeadlinesService,
    CaseFiledHook,
  ],
  exports: [
    AccessLogService,
    BorrowerThrottle,
    CaseRepository,
    CaseConsentRepository,
    CaseEventRepository,
    CaseEffectRegistry,
    CaseActionsService,
    CasesService,
    CaseDeadlinesService,
    CaseFiledHook,
  ],
})
export class CasesModule {}
