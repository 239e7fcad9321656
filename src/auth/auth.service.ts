import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import { hashApiKey } from '../organizations/organizations.service';
import type { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AuthResponse, LoginDto, RegisterDto, UserResponse } from '../users/users.dto';
import { hashPassword, toUserResponse, UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle';
import { PrincipalRepository } from './principal.repository';
import { userPrincipal } from '../access/principal';
import type { ApiKeyPrincipal, Principal, UserPrincipal } from '../access/principal';

export const JWT_ALGORITHM = 'HS256';

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so timing does not reveal which accounts exist. */
  private readonly dummyHash = hashPassword('not-a-real-password-0');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly userRows: UserRepository,
    private readonly principals: PrincipalRepository,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(dto: RegisterDto): Promise<AuthResponse> {
    const user = await this.dataSource.transaction(async (manager) =>
      this.users.insert(manager, {
        role: 'borrower',
        name: dto.name.trim(),
        email: dto.email,
        phone: dto.phone.replace(/^\+86/, ''),
        idNumber: dto.idNumber,
        passwordHash: await hashPassword(dto.password),
      }),
    );
    return { accessToken: await this.issueToken(user), user: toUserResponse(user) };
  }

  async login(dto: LoginDto, ip: string): Promise<AuthResponse> {
    const email = dto.email.trim().toLowerCase();
    await this.throttle.assertAllowed(email, ip);
    const user = await this.userRows.findActiveByEmail(this.dataSource.manager, email);
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, ip);
      throw new AppError('INVALID_CREDENTIALS', 'email or password is wrong');
    }
    await this.throttle.recordSuccess(email, ip);
    return { accessToken: await this.issueToken(user), user: toUserResponse(user) };
  }

  issueToken(user: User): Promise<string> {
    return this.jwt.signAsync(
      { sub: user.id, role: user.role, org: user.organizationId },
      { algorithm: JWT_ALGORITHM, expiresIn: this.config.jwtTtlSeconds },
    );
  }

  async me(principal: Principal): Promise<UserResponse> {
    if (principal.kind === 'api_key') {
      return {
        id: principal.apiKeyId,
        role: principal.role,
        name: principal.name,
        email: '',
        organizationId: principal.organizationId,
      };
    }
    const user = await this.userRows.findById(this.dataSource.manager, principal.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'this account no longer exists');
    return toUserResponse(user);
  }

  /** The caller behind a valid token; null (401) when the account is gone or disabled. */
  async principalForUser(id: string): Promise<UserPrincipal | null> {
    const user = await this.principals.activeUser(this.dataSource.manager, id);
    return user ? userPrincipal(user) : null;
  }

  /** A lender organisation's API key; a revoked key is refused at once. */
  async principalForApiKey(key: string): Promise<ApiKeyPrincipal | null> {
    if (!key || key.length > 200) return null;
    const found = await this.principals.activeLenderKey(this.dataSource.manager, hashApiKey(key));
    if (!found) return null;
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
