import type { ResponseObject, ResponsesObject } from '@nestjs/swagger';
import { ERROR_STATUS } from '../common/errors/app-error';
import type { ErrorCode } from '../common/errors/app-error';
import { DOC_EXTENSIONS, responseHeaders } from '../common/openapi/api-docs';
import type { DocOperation } from './openapi-types';
import type { RecordedExamples } from './recorded-examples';

/** What each code means wherever a route does not say more (`@ApiErrors({ CODE: '…' })`). */
export const ERROR_MEANINGS: Record<ErrorCode, string> = {
  VALIDATION_FAILED:
    'a field is missing or wrong, or the body has a field the route does not take; `errors` names each',
  CONSENT_REQUIRED: 'a consent the application needs is missing',
  UNAUTHENTICATED: 'no credential, or an expired, revoked or unknown one',
  INVALID_CREDENTIALS: 'the email or the password is wrong',
  FORBIDDEN: 'your role may not use this route',
  ACTION_NOT_PERMITTED: 'your role may never take this action',
  NOT_FOUND: 'no such thing, or not one you may see',
  CASE_NOT_FOUND:
    'no such case, or not one you may see (a lender sees its own cases once notified)',
  INVALID_TRANSITION:
    'not allowed in the case’s state now; `currentStatus` and `allowedActions` say where it is',
  CONFLICT: 'the request conflicts with the current state of what it changes',
  EMAIL_TAKEN: 'an account with this email exists',
  SESSION_CONFLICT: 'the mediator already has a session then; `conflict` says when',
  AGREEMENT_MISMATCH:
    'the `version` or `sha256` is not that of the current agreement: read it again',
  PRECONDITION_FAILED: '`If-Match` is not the case’s current version: read the case again',
  PAYLOAD_TOO_LARGE: 'the file or body is larger than the route takes',
  UNSUPPORTED_MEDIA_TYPE: 'the file is not of a type the route takes (read from its content)',
  IDEMPOTENCY_KEY_REUSED: 'this `Idempotency-Key` was used with another body',
  TOO_MANY_REQUESTS: 'too many attempts; `Retry-After` says when to try again',
  REQUEST_TIMEOUT: 'the request was not received in time; send it again',
  URI_TOO_LONG: 'the URL is longer than the service takes',
  HEADERS_TOO_LARGE: 'the request’s headers are larger than the service takes',
  INTERNAL: 'an unexpected error; nothing was changed',
  SERVICE_UNAVAILABLE: 'the service cannot reach its database',
};

const isErrorCode = (c: string): c is ErrorCode => c in ERROR_STATUS;

/** The codes an operation states with `@ApiErrors`, with what each means there. */
export function statedErrors(op: DocOperation): Map<ErrorCode, string> {
  const stated = (op[DOC_EXTENSIONS.errors] ?? {}) as Record<string, string>;
  delete op[DOC_EXTENSIONS.errors];
  const codes = new Map<ErrorCode, string>();
  for (const [code, meaning] of Object.entries(stated)) {
    if (!isErrorCode(code)) throw new Error(`${op.operationId}: unknown error code ${code}`);
    codes.set(code, meaning);
  }
  return codes;
}

/**
 * Replaces an operation's error responses with one per status, listing every code it can
 * answer there, the body as `ErrorResponse` (always JSON, whatever the success is) and one
 * recorded example per code. A 4xx response stated some other way is a mistake: say its codes.
 */
export function writeErrorResponses(
  key: string,
  op: DocOperation,
  codes: Map<ErrorCode, string>,
  examples: RecordedExamples,
): void {
  const responses: ResponsesObject = op.responses;
  for (const status of Object.keys(responses)) {
    if (Number(status) >= 400) {
      const codesThere = [...codes.keys()].filter((c) => String(ERROR_STATUS[c]) === status);
      if (codesThere.length === 0) {
        throw new Error(`${key}: a ${status} response without codes; state them with @ApiErrors`);
      }
      delete responses[status];
    }
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes.keys()) {
    byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  }
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const examplesThere = Object.fromEntries(
      list.flatMap((code) => {
        const example = examples.error(key, code);
        return example ? [[code, example]] : [];
      }),
    );
    const response: ResponseObject = {
      description: list.map((c) => `\`${c}\`: ${codes.get(c) || ERROR_MEANINGS[c]}`).join('; '),
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/ErrorResponse' },
          ...(Object.keys(examplesThere).length ? { examples: examplesThere } : {}),
        },
      },
      ...(list.includes('TOO_MANY_REQUESTS') ? { headers: responseHeaders('Retry-After') } : {}),
    };
    responses[String(status)] = response;
  }
}
