import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { consumeOrRefuse, pgLimiter } from '../common/rate-limit';

/**
 * Password checks allowed per window: per account from one address, per account from all
 * addresses together (ten addresses get no more guesses at one account than one does), and
 * per address over all accounts. A successful login gives its points back.
 */
export const LOGIN_LIMITS = {
  perAccountAndAddress: { points: 5, duration: 15 * 60 },
  perAccount: { points: 10, duration: 15 * 60 },
  perAddress: { points: 50, duration: 60 * 60 },
};

/**
 * Counts in PostgreSQL, so several instances share one count. A point is taken before the
 * password is checked, not after it failed: parallel guesses cannot all pass the check.
 */
@Injectable()
export class LoginThrottle {
  private readonly pair;
  private readonly account;
  private readonly address;

  constructor(dataSource: DataSource) {
    this.pair = pgLimiter(dataSource, 'acct', LOGIN_LIMITS.perAccountAndAddress);
    this.account = pgLimiter(dataSource, 'account', LOGIN_LIMITS.perAccount);
    this.address = pgLimiter(dataSource, 'addr', LOGIN_LIMITS.perAddress);
  }

  /** Before a password is checked; 429 with Retry-After once a limit is spent. */
  async beforeCheck(email: string, ip: string | null): Promise<void> {
    if (ip !== null) {
      await consumeOrRefuse(this.address, ip, 'failed logins');
      await consumeOrRefuse(this.pair, `${email}|${ip}`, 'failed logins');
    }
    await consumeOrRefuse(this.account, email, 'failed logins');
  }

  /** The password was right: this try is not counted against anyone. */
  async succeeded(email: string, ip: string | null): Promise<void> {
    await this.account.reward(email, 1);
    if (ip !== null) {
      await this.pair.delete(`${email}|${ip}`);
      await this.address.reward(ip, 1);
    }
  }

  /** An admin reset the password: the account may be tried again at once. */
  async clearAccount(email: string): Promise<void> {
    await this.account.delete(email);
  }
}
