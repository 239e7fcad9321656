import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import { hashApiKey } from '../organizations/organizations.service';
import type { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AuthResponse, LoginDto, MeResponse, RegisterDto } from '../users/users.dto';
import { UserRightsRepository } from '../users/user-rights.repository';
import { PRIVACY_NOTICE_VERSION } from '../common/privacy-notice-version';
import { toUserResponse, UsersService } from '../users/users.service';
import { PasswordHasher } from '../users/password-hasher';
import { AccountMailbox } from './account-mail';
import { REGISTRATION_RECEIVED } from './account.dto';
import type { RegistrationResponse } from './account.dto';
import { LoginThrottle } from './login-throttle';
import { RegistrationThrottle } from './registration-throttle';
import { PrincipalCache } from '../access/principal-cache';
import { PrincipalRepository } from './principal.repository';
import { userPrincipal } from '../access/principal';
import type { ApiKeyPrincipal, Principal, UserPrincipal } from '../access/principal';

export const JWT_ALGORITHM = 'HS256';

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so timing does not reveal which accounts exist. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly userRows: UserRepository,
    private readonly acceptances: UserRightsRepository,
    private readonly principals: PrincipalRepository,
    private readonly throttle: LoginThrottle,
    private readonly registrations: RegistrationThrottle,
    private readonly mailbox: AccountMailbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passwords: PasswordHasher,
    /** The callers looked up in the last PRINCIPAL_CACHE_SECONDS (access/principal-cache.ts). */
    private readonly recent: PrincipalCache,
  ) {
    this.dummyHash = passwords.hash('not-a-real-password-0');
  }

  /**
   * Borrower sign-up with one answer whether or not the address already has an account:
   * a new address gets its account and a welcome mail, a known one a mail to its owner
   * (who may have forgotten they signed up). The password is hashed either way, so the
   * time taken says nothing either. Throttled per client address.
   */
  async register(dto: RegisterDto, ip: string): Promise<RegistrationResponse> {
    await this.registrations.beforeRegister(ip);
    const email = dto.email.toLowerCase();
    const passwordHash = await this.passwords.hash(dto.password);
    await this.dataSource.transaction(async (manager) => {
      await this.userRows.lockEmail(manager, email);
      const existing = await this.userRows.findByEmail(manager, email);
      if (existing) {
        const to = { toAddress: existing.email, toName: existing.name };
        return this.mailbox.write(manager, { kind: 'account.register_attempt', ...to });
      }
      const user = await this.users.insert(manager, {
        role: 'borrower',
        name: dto.name.trim(),
        email,
        phone: dto.phone.replace(/^\+86/, ''),
        idNumber: dto.idNumber,
        passwordHash,
      });
      const to = { toAddress: user.email, toName: user.name };
      await this.mailbox.write(manager, { kind: 'account.registered', ...to });
    });
    return { message: REGISTRATION_RECEIVED };
  }

  async login(dto: LoginDto, ip: string): Promise<AuthResponse> {
    const email = dto.email.trim().toLowerCase();
    await this.throttle.beforeCheck(email, ip);
    const user = await this.userRows.findActiveByEmail(this.dataSource.manager, email);
    const ok = await this.passwords.verify(
      user?.passwordHash ?? (await this.dummyHash),
      dto.password,
    );
    if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', 'email or password is wrong');
    await this.throttle.succeeded(email, ip);
    return { accessToken: await this.issueToken(user), user: toUserResponse(user) };
  }

  issueToken(user: User): Promise<string> {
    return this.jwt.signAsync(
      { sub: user.id, role: user.role, org: user.organizationId, tv: user.tokenVersion },
      { algorithm: JWT_ALGORITHM, expiresIn: this.config.jwtTtlSeconds },
    );
  }

  async me(principal: Principal): Promise<MeResponse> {
    if (principal.kind === 'api_key') {
      return {
        id: principal.apiKeyId,
        role: principal.role,
        name: principal.name,
        email: '',
        organizationId: principal.organizationId,
        privacyNoticeToAccept: null,
      };
    }
    const m = this.dataSource.manager;
    const user = await this.userRows.findById(m, principal.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'this account no longer exists');
    // Asked again only who accepted an older version; a new borrower accepts it when filing.
    const accepted = await this.acceptances.latestAccepted(m, user.id);
    const toAccept =
      accepted && accepted !== PRIVACY_NOTICE_VERSION ? PRIVACY_NOTICE_VERSION : null;
    return { ...toUserResponse(user), privacyNoticeToAccept: toAccept };
  }

  /**
   * The caller behind a valid token or page session; null (401) when the account is gone or
   * disabled, or its token version moved on since the credential was issued (a password
   * change, a reset or a deactivation ends every older token and session).
   */
  async principalForUser(id: string, tokenVersion: number): Promise<UserPrincipal | null> {
    const kept = this.recent.get(id);
    if (kept && kept.tokenVersion === tokenVersion) return userPrincipal(kept);
    const user = await this.principals.activeUser(this.dataSource.manager, id);
    if (!user) return null;
    this.recent.set(user);
    return user.tokenVersion === tokenVersion ? userPrincipal(user) : null;
  }

  /** The token version a credential issued now carries (null: no such active account). */
  async currentTokenVersion(id: string): Promise<number | null> {
    const user = await this.principals.activeUser(this.dataSource.manager, id);
    return user ? user.tokenVersion : null;
  }

  /** A lender organisation's API key; a revoked key is refused at once where it was revoked. */
  async principalForApiKey(key: string): Promise<ApiKeyPrincipal | null> {
    if (!key || key.length > 200) return null;
    const hash = hashApiKey(key);
    const found =
      this.recent.key(hash) ??
      (await this.principals.activeLenderKey(this.dataSource.manager, hash));
    if (!found) return null;
    this.recent.setKey(hash, found);
    return {
      kind: 'api_key',
      userId: null,
      apiKeyId: found.id,
      role: 'lender',
      organizationId: found.organizationId,
      name: `${found.organizationName} (API key ${found.name})`,
    };
  }
}
