import { Global, Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { MailExtensions } from '../notifications/mail-extensions';
import { DeadlinesService } from '../workflow/deadlines.service';
import { WorkflowService } from '../workflow/workflow.service';
import { CaseEffects } from './case.effects';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** Cases and the workflow engine that moves them; other features plug in effects and listeners. */
@Global()
@Module({
  controllers: [CasesController],
  providers: [
    CasesService,
    CaseRepository,
    IdempotencyService,
    WorkflowService,
    CaseEffects,
    DeadlinesService,
    MailExtensions,
  ],
  exports: [
    CaseRepository,
    WorkflowService,
    CasesService,
    DeadlinesService,
    IdempotencyService,
    MailExtensions,
  ],
})
export class CasesModule {}
