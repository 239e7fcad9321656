import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportGuard } from '@nestjs/passport';
import { AppError } from '../common/errors/app-error';
import type { Role } from '../users/user.entity';
import type { Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/**
 * The one global guard. Authenticates a Bearer JWT or an `X-API-Key` through
 * passport, then checks the route's `@Roles`. A route that declares neither
 * `@Roles` nor `@Public` is refused: forgetting to decide fails closed.
 */
@Injectable()
export class AuthGuard extends PassportGuard(['jwt', 'api-key']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    await super.canActivate(ctx);
    const principal: Principal = ctx.switchToHttp().getRequest().user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(principal.role)) {
      throw new AppError('FORBIDDEN', 'your role may not use this route');
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // A strategy that threw could not look the caller up (the database is down: 503),
    // which is not a bad credential; only "no such user or key" is 401.
    if (err) throw err;
    if (!user) throw new AppError('UNAUTHENTICATED', 'a valid access token or API key is required');
    return user;
  }
}
