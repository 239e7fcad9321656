import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserPrincipal } from '../access/principal';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { consumeOrRefuse, pgLimiter } from '../common/rate-limit';

/**
 * Filings and uploads per borrower per hour (FILINGS_PER_HOUR, UPLOADS_PER_HOUR): each one
 * costs the centre's staff a review, or disk. 429 with Retry-After once spent.
 */
@Injectable()
export class BorrowerThrottle {
  private readonly filings;
  private readonly uploads;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    const hour = 3600;
    this.filings = pgLimiter(dataSource, 'filing', {
      points: config.limits.filingsPerHour,
      duration: hour,
    });
    this.uploads = pgLimiter(dataSource, 'upload', {
      points: config.limits.uploadsPerHour,
      duration: hour,
    });
  }

  beforeFiling(p: UserPrincipal): Promise<void> {
    return consumeOrRefuse(this.filings, p.userId, 'cases filed');
  }

  beforeUpload(p: UserPrincipal): Promise<void> {
    return consumeOrRefuse(this.uploads, p.userId, 'uploads');
  }
}
