import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UsersModule } from '../users/users.module';
import { CaseActionsController } from './case-actions.controller';
import { CaseActionsService } from './case-actions.service';
import { CaseDeadlinesService } from './case-deadlines.service';
import { CaseEffectRegistry } from './case-effect.registry';
import { CaseEffects } from './case.effects';
import { CaseEventRepository } from './case-event.repository';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { IdempotencyService } from './idempotency.service';

/**
 * Cases and the use cases that move them through the workflow. Other features claim the
 * table's effects in `CaseEffectRegistry` and read cases through `CaseRepository`.
 */
@Module({
  imports: [UsersModule, OrganizationsModule],
  controllers: [CasesController, CaseActionsController],
  providers: [
    CasesService,
    CaseRepository,
    CaseEventRepository,
    IdempotencyService,
    CaseActionsService,
    CaseEffectRegistry,
    CaseEffects,
    CaseDeadlinesService,
  ],
  exports: [
    CaseRepository,
    CaseEventRepository,
    CaseEffectRegistry,
    CaseActionsService,
    CasesService,
    CaseDeadlinesService,
  ],
})
export class CasesModule {}
