import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { DOC_EXTENSIONS } from '../common/openapi/api-docs';
import { ROLES } from '../common/roles';
import type { Role } from '../common/roles';
import { AppError } from '../common/errors/app-error';
import type { ApiKeyPrincipal, Principal, StaffPrincipal, UserPrincipal } from './principal';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';
/** Marks a web page's controller: it authenticates by the page session cookie, never a token. */
export const PAGE_KEY = 'page';
/** The passport strategy that reads the page session cookie (src/web). */
export const PAGE_SESSION_STRATEGY = 'page-session';

/**
 * The roles that may call a route. Every route states this or `@Public()`; others are refused.
 * The OpenAPI document derives the route's security and its 401/403 from the same list.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(DOC_EXTENSIONS.roles, roles));
export const AnyRole = () => Roles(...ROLES);
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(DOC_EXTENSIONS.public, true));
export const PageRoute = () => SetMetadata(PAGE_KEY, true);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user,
);

/** The caller as a person (on routes no API key may use: their roles name no lender). */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): UserPrincipal => {
    const p: Principal = ctx.switchToHttp().getRequest().user;
    if (p.kind !== 'user')
      throw new AppError('FORBIDDEN', 'this route is for people, not API keys');
    return p;
  },
);

/** The caller as staff of an organisation (clerk, mediator, lender representative or key). */
export const CurrentStaff = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): StaffPrincipal | ApiKeyPrincipal => {
    const p: Principal = ctx.switchToHttp().getRequest().user;
    if (p.kind === 'api_key' || p.role === 'clerk' || p.role === 'mediator' || p.role === 'lender')
      return p;
    throw new AppError('FORBIDDEN', 'this route is for staff of an organisation');
  },
);
