import { CanActivate, ExecutionContext, Inject, Injectable, Module } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from './config/config';
import type { AppConfig } from './config/config';
import { consumeOrRefuse, pgLimiter } from './rate-limit';

/**
 * Public checks per client address (VERIFICATIONS_PER_HOUR): a check code is unguessable only
 * while nobody can try codes by the million, and a file's check hashes it and verifies its
 * seal, work nobody should be able to ask for at full rate. Counted per address, so one
 * client's tries never lock out another; codes and files, the API and the /verify page all
 * count together.
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

/**
 * On a route that checks an uploaded file: one check is counted before the upload is read,
 * so a refused client's file is never parsed (429 with Retry-After).
 */
@Injectable()
export class FileCheckGuard implements CanActivate {
  constructor(private readonly throttle: VerificationThrottle) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    await this.throttle.beforeCheck(ctx.switchToHttp().getRequest<FastifyRequest>().ip);
    return true;
  }
}

/** The throttle and the guard, for every module with a public check. */
@Module({
  providers: [VerificationThrottle, FileCheckGuard],
  exports: [VerificationThrottle, FileCheckGuard],
})
export class PublicChecksModule {}
