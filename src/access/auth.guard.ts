import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthGuard as PassportGuard } from '@nestjs/passport';
import { AppError } from '../common/errors/app-error';
import type { Role } from '../common/roles';
import type { Principal } from './principal';
import { PAGE_KEY, PAGE_SESSION_STRATEGY, PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** A web page's caller, from its session cookie; nobody (null) when there is none. */
class PageSessionAuth extends PassportGuard(PAGE_SESSION_STRATEGY) {
  override handleRequest<T>(err: unknown, user: T): T | null {
    if (err) throw err;
    return user || null;
  }
}

/** A lender's system by `X-API-Key` alone (no `Authorization`): the key strategy only. */
class ApiKeyAuth extends PassportGuard('api-key') {
  override handleRequest<T>(err: unknown, user: T): T {
    return authenticated(err, user);
  }
}

/**
 * What either guard makes of its strategies' answer. A strategy that threw could not look the
 * caller up (the database is down: 503), which is not a bad credential; only "no such user or
 * key" is 401.
 */
function authenticated<T>(err: unknown, user: T): T {
  if (err) throw err;
  if (!user) throw new AppError('UNAUTHENTICATED', 'a valid access token or API key is required');
  return user;
}

/**
 * The one global guard. Authenticates a Bearer JWT or an `X-API-Key` through
 * passport, then checks the route's `@Roles`. A route that declares neither
 * `@Roles` nor `@Public` is refused: forgetting to decide fails closed.
 * Web pages (`@PageRoute`) authenticate by their session cookie instead, and only
 * by it, so the API never accepts a cookie and needs no CSRF defence.
 */
@Injectable()
export class AuthGuard extends PassportGuard(['jwt', 'api-key']) {
  private readonly pageSession = new PageSessionAuth();
  private readonly apiKey = new ApiKeyAuth();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    if (this.reflector.getAllAndOverride<boolean>(PAGE_KEY, targets)) {
      // Public pages learn who is signed in too (their navigation shows it).
      await this.pageSession.canActivate(ctx);
    } else {
      if (isPublic) return true;
      const headers = ctx.switchToHttp().getRequest<FastifyRequest>().headers;
      // Without a bearer token the JWT strategy can only fail (building an Error each time):
      // a request with only a key goes straight to the key's strategy, with the same answers.
      if (headers.authorization === undefined && headers['x-api-key'] !== undefined) {
        await this.apiKey.canActivate(ctx);
      } else {
        await super.canActivate(ctx);
      }
    }
    if (isPublic) return true;
    const principal: Principal | null = ctx.switchToHttp().getRequest().user;
    if (!principal) throw new AppError('UNAUTHENTICATED', 'please sign in');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(principal.role)) {
      throw new AppError('FORBIDDEN', 'your role may not use this route');
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    return authenticated(err, user);
  }
}
