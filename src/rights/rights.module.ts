import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { UsersModule } from '../users/users.module';
import { RightsController } from './rights.controller';
import { RightsExportService } from './rights-export.service';
import { RightsRepository } from './rights.repository';
import { RightsService } from './rights.service';

/** A person's rights over their data, as routes, and the record of each request. */
@Module({
  imports: [CasesModule, UsersModule],
  controllers: [RightsController],
  providers: [RightsService, RightsExportService, RightsRepository],
  exports: [RightsService, RightsExportService],
})
export class RightsModule {}
