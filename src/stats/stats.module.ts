import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';
import { StatsSnapshotRepository } from './stats-snapshot.repository';

/** The centre's statistics, from the timeline, kept per scope as a snapshot. */
@Module({
  imports: [JobsModule],
  controllers: [StatsController],
  providers: [StatsRepository, StatsSnapshotRepository, StatsService],
  exports: [StatsService],
})
export class StatsModule {}
