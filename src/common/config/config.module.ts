import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../clock';
import { APP_CONFIG } from './config';
import type { AppConfig } from './config';

/** The configuration parsed at boot, and the clock (tests move it): the one global module besides the database. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        clock ? { provide: Clock, useValue: clock } : Clock,
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
