import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { UserPrincipal } from '../access/principal';
import { PrincipalCache } from '../access/principal-cache';
import { AppError } from '../common/errors/app-error';
import type { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import type { AuthResponse } from '../users/users.dto';
import { toUserResponse } from '../users/users.service';
import { PasswordHasher } from '../users/password-hasher';
import type { AccountResponse, ChangePasswordDto } from './account.dto';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';

const toAccount = (u: User): AccountResponse => ({ ...toUserResponse(u), active: u.active });

/**
 * Deactivation, reactivation, password change and reset. Each raises the account's token
 * version in the same statement as the change, so every bearer token and page session
 * issued before is refused on its next request (AuthService.principalForUser); once it is
 * committed, this process forgets the caller it kept (principal-cache.ts).
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly passwords: PasswordHasher,
    private readonly principals: PrincipalCache,
  ) {}

  /** The staff accounts (clerks, mediators, lender representatives, admins), active or not. */
  async listStaff(): Promise<AccountResponse[]> {
    return (await this.users.staff(this.dataSource.manager)).map(toAccount);
  }

  /** The caller's own password; answers a fresh token, since the one they used has ended. */
  async changePassword(caller: UserPrincipal, dto: ChangePasswordDto): Promise<AuthResponse> {
    // The throttle and both hashes run outside the transaction: the throttle takes a pool
    // connection of its own, and a transaction holding one while it waits for another starved
    // the pool under a few concurrent changes (every request then answered 503).
    const checked = await this.users.findById(this.dataSource.manager, caller.userId);
    if (!checked) throw new AppError('NOT_FOUND', 'no such user');
    // A stolen token must not become a way around the login throttle.
    await this.throttle.beforeCheck(checked.email, null);
    if (!(await this.passwords.verify(checked.passwordHash, dto.currentPassword))) {
      throw AppError.validation([{ field: 'currentPassword', message: 'is not the password' }]);
    }
    await this.throttle.succeeded(checked.email, null);
    const passwordHash = await this.passwords.hash(dto.newPassword);
    const user = await this.dataSource.transaction(async (m) => {
      const row = await this.locked(m, caller.userId);
      if (row.passwordHash !== checked.passwordHash) {
        throw new AppError('UNAUTHENTICATED', 'the password changed meanwhile; sign in again');
      }
      await this.users.updateCredentials(m, row.id, { passwordHash });
      return this.locked(m, row.id);
    });
    this.principals.forget(user.id);
    return { accessToken: await this.auth.issueToken(user), user: toUserResponse(user) };
  }

  /** An admin sets a new password; the account's tokens and sessions end, its throttle clears. */
  async resetPassword(userId: string, password: string): Promise<AccountResponse> {
    const user = await this.dataSource.transaction(async (m) => {
      const row = await this.locked(m, userId);
      await this.users.updateCredentials(m, row.id, {
        passwordHash: await this.passwords.hash(password),
      });
      return this.locked(m, row.id);
    });
    this.principals.forget(user.id);
    await this.throttle.clearAccount(user.email);
    return toAccount(user);
  }

  async deactivate(admin: UserPrincipal, userId: string): Promise<AccountResponse> {
    if (admin.userId === userId) {
      throw new AppError('CONFLICT', 'an admin cannot deactivate their own account');
    }
    return this.setActive(userId, false);
  }

  reactivate(userId: string): Promise<AccountResponse> {
    return this.setActive(userId, true);
  }

  private async setActive(userId: string, active: boolean): Promise<AccountResponse> {
    const account = await this.dataSource.transaction(async (m) => {
      const row = await this.locked(m, userId);
      // Reactivation raises the version too: nothing issued before the deactivation returns.
      if (row.active !== active) await this.users.updateCredentials(m, row.id, { active });
      return toAccount(await this.locked(m, row.id));
    });
    this.principals.forget(userId);
    return account;
  }

  private async locked(m: EntityManager, id: string): Promise<User> {
    const row = await this.users.findForUpdate(m, id);
    if (!row) throw new AppError('NOT_FOUND', 'no such user');
    return row;
  }
}
