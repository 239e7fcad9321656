import { ERROR_STATUS } from '../common/errors/app-error';
import type { ErrorCode } from '../common/errors/app-error';
import { DOC_EXTENSIONS } from '../common/openapi/api-docs';
import { ROLES } from '../common/roles';
import type { Role } from '../common/roles';
import type { DocOperation } from './openapi-types';

/** The security schemes of the document (app.ts's DocumentBuilder names them). */
export const BEARER = 'bearer';
export const API_KEY = 'api-key';

/**
 * An operation's security and the errors every route of its kind answers, from the facts
 * its `@Roles` / `@Public` state: a public route has `security: []`; a route a lender may
 * call takes an API key too (the key acts as its organisation); every other route takes a
 * token. Adds 401 to any route with a caller, 403 to one closed to some roles, 400 to one
 * with a body or a query. Fails for a route that states neither, as the guard refuses it.
 */
export function applyAccess(key: string, op: DocOperation, codes: Map<ErrorCode, string>): void {
  const isPublic = op[DOC_EXTENSIONS.public] === true;
  const roles = op[DOC_EXTENSIONS.roles] as Role[] | undefined;
  delete op[DOC_EXTENSIONS.public];
  delete op[DOC_EXTENSIONS.roles];
  const hasInput =
    op.requestBody !== undefined ||
    (op.parameters ?? []).some((p) => 'in' in p && p.in === 'query');
  if (hasInput && !codes.has('VALIDATION_FAILED')) codes.set('VALIDATION_FAILED', '');
  if (isPublic) {
    op.security = [];
    return;
  }
  if (!roles) throw new Error(`${key}: states neither @Roles nor @Public`);
  op.security = roles.includes('lender')
    ? [{ [BEARER]: [] }, { [API_KEY]: [] }]
    : [{ [BEARER]: [] }];
  codes.set('UNAUTHENTICATED', codes.get('UNAUTHENTICATED') ?? '');
  const closed = ROLES.some((r) => !roles.includes(r));
  const stated403 = [...codes.keys()].some((c) => ERROR_STATUS[c] === 403);
  if (closed && !stated403) {
    codes.set('FORBIDDEN', `your role may not use this route (only ${roles.join(', ')})`);
  }
  const who = closed ? roles.join(', ') : 'any signed-in user';
  const keys = roles.includes('lender') ? '; a lender’s API key (`X-API-Key`) too' : '';
  op.description = `${op.description ? `${op.description}\n\n` : ''}**Who may call**: ${who}${keys}.`;
}
