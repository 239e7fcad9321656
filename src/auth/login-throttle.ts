import { Injectable } from '@nestjs/common';
import { poolOf } from '../common/pg-pool';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';

/** Failed logins allowed per account and address, and per address alone, before 429. */
export const LOGIN_LIMITS = {
  perAccount: { points: 5, duration: 15 * 60 },
  perAddress: { points: 50, duration: 60 * 60 },
};

/**
 * Counts failed logins only (a successful login resets the account's count),
 * in PostgreSQL, so several instances share one count.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;

  constructor(dataSource: DataSource) {
    const pool = poolOf(dataSource);
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: 'login_attempts',
      tableCreated: true,
    };
    this.perAccount = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'acct',
      ...LOGIN_LIMITS.perAccount,
    });
    this.perAddress = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'addr',
      ...LOGIN_LIMITS.perAddress,
    });
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([
      this.perAccount.get(`${email}|${ip}`),
      this.perAddress.get(ip),
    ]);
    const blocked = [
      [account, LOGIN_LIMITS.perAccount.points],
      [address, LOGIN_LIMITS.perAddress.points],
    ].find(([res, points]) => res && (res as RateLimiterRes).consumedPoints >= (points as number));
    if (blocked) {
      const seconds = Math.ceil((blocked[0] as RateLimiterRes).msBeforeNext / 1000);
      throw new AppError('TOO_MANY_REQUESTS', `too many failed logins; try again in ${seconds} s`, {
        retryAfterSeconds: seconds,
      });
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.perAccount.penalty(`${email}|${ip}`, 1),
      this.perAddress.penalty(ip, 1),
    ]);
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.perAccount.delete(`${email}|${ip}`);
  }
}
