import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';

/** The complaint channel: filing, the clerks' queue, the lender's answer, the timeline. */
@Module({
  imports: [CasesModule, OrganizationsModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsService, ComplaintRepository],
  exports: [ComplaintsService],
})
export class ComplaintsModule {}
