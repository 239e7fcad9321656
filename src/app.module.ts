import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AgreementsModule } from './agreements/agreements.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { Clock } from './common/clock';
import { APP_CONFIG, AppConfig } from './common/config/config';
import { PoolGuard } from './common/database/pool-guard';
import { ErrorFilter } from './common/errors/error.filter';
import { createValidationPipe } from './common/errors/validation';
import { loggingParams } from './common/logging/logging';
import { CasesModule } from './cases/cases.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { LenderModule } from './lender/lender.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { SessionsModule } from './sessions/sessions.module';
import { UsersModule } from './users/users.module';

export interface AppOptions {
  /** Where request logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
  /** Replaces the clock (tests move time at the edge). */
  clock?: Clock;
}

@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig, options: AppOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        options.clock ? { provide: Clock, useValue: options.clock } : Clock,
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}

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
        CoreModule.forRoot(config, options),
        LoggerModule.forRoot(loggingParams(config.logLevel, options.logStream)),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        JobsModule,
        HealthModule,
        AuthModule,
        UsersModule,
        OrganizationsModule,
        CasesModule,
        LenderModule,
        AgreementsModule,
        EvidenceModule,
        NotificationsModule,
        SessionsModule,
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
