import { Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/** The durable job queue; features register their tasks and add jobs in their transactions. */
@Module({ providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
