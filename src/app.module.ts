import { AccessModule } from './access/access.module';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, RouterModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AgreementsModule } from './agreements/agreements.module';
import { AuthGuard } from './access/auth.guard';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { Clock } from './common/clock';
import type { AppConfig } from './common/config/config';
import { ConfigModule } from './common/config/config.module';
import { DatabaseModule } from './database/database.module';
import { PoolGuard } from './database/pool-guard';
import { ErrorFilter } from './common/errors/error.filter';
import { createValidationPipe } from './common/errors/validation';
import { loggingParams } from './common/logging/logging';
import { CasesModule } from './cases/cases.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { LenderModule } from './lender/lender.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RightsModule } from './rights/rights.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { ReviewModule } from './review/review.module';
import { StatsModule } from './stats/stats.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PlansModule } from './plans/plans.module';
import { JudicialModule } from './judicial/judicial.module';
import { SessionsModule } from './sessions/sessions.module';
import { UsersModule } from './users/users.module';
import { VerificationModule } from './verification/verification.module';
import { WebModule } from './web/web.module';

export interface AppOptions {
  /** Where request logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
  /** Replaces the clock (tests move time at the edge). */
  clock?: Clock;
}

/** The modules whose controllers are the JSON API, served under /api/v1. */
const API_MODULES = [
  AuthModule,
  UsersModule,
  OrganizationsModule,
  CasesModule,
  LenderModule,
  AgreementsModule,
  EvidenceModule,
  NotificationsModule,
  SessionsModule,
  CalendarModule,
  ReviewModule,
  StatsModule,
  RightsModule,
  ComplaintsModule,
  PlansModule,
  JudicialModule,
  VerificationModule,
];

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    dataSource: DataSource,
    options: AppOptions = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, options.clock),
        DatabaseModule.forRoot(dataSource),
        LoggerModule.forRoot(loggingParams(config.logLevel, options.logStream)),
        AccessModule,
        JobsModule,
        HealthModule,
        ...API_MODULES,
        RouterModule.register([{ path: 'api/v1', children: API_MODULES }]),
        // The web pages, at the site's root (/, /login, /cases, …).
        WebModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        PoolGuard,
      ],
    };
  }
}
