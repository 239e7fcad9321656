import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { consumeOrRefuse, pgLimiter } from '../common/rate-limit';

/** Sign-ups per address: each costs an argon2 hash and a mail (REGISTRATIONS_PER_HOUR). */
@Injectable()
export class RegistrationThrottle {
  private readonly perAddress;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.perAddress = pgLimiter(dataSource, 'register', {
      points: config.limits.registrationsPerHour,
      duration: 3600,
    });
  }

  beforeRegister(ip: string): Promise<void> {
    return consumeOrRefuse(this.perAddress, ip, 'sign-ups from this address');
  }
}
