import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../users/user.entity';
import type { Principal } from './principal';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';
/** Marks a web page's controller: it authenticates by the page session cookie, never a token. */
export const PAGE_KEY = 'page';
/** The passport strategy that reads the page session cookie (src/web). */
export const PAGE_SESSION_STRATEGY = 'page-session';

/** The roles that may call a route. Every route states this or `@Public()`; others are refused. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const AnyRole = () =>
  SetMetadata(ROLES_KEY, ['borrower', 'clerk', 'mediator', 'lender', 'admin'] satisfies Role[]);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
export const PageRoute = () => SetMetadata(PAGE_KEY, true);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user,
);
