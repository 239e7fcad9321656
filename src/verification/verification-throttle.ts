import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { consumeOrRefuse, pgLimiter } from '../common/rate-limit';

/**
 * Public checks per client address (VERIFICATIONS_PER_HOUR): a check code is unguessable only
 * while nobody can try codes by the million. Counted per address, so one client's tries never
 * lock out another; the API and the /verify page count together.
 */
@Injectable()
export class VerificationThrottle {
  private readonly perAddress;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.perAddress = pgLimiter(dataSource, 'verify', {
      points: config.limits.verificationsPerHour,
      duration: 3600,
    });
  }

  beforeCheck(ip: string): Promise<void> {
    return consumeOrRefuse(this.perAddress, ip, 'checks from this address');
  }
}
