import { ApiExtension } from '@nestjs/swagger';
import type { ErrorCode } from '../errors/app-error';

/**
 * What a route tells the OpenAPI document beyond Nest's own decorators. Routes state facts
 * (their roles, the error codes they answer, the headers they send); src/openapi turns the
 * facts into the document (security, error responses with real examples, header components),
 * so every route says each thing once and in the same way.
 */

/** Extension keys the document builder reads and removes. */
export const DOC_EXTENSIONS = {
  roles: 'x-roles',
  public: 'x-public',
  errors: 'x-error-codes',
} as const;

/** An error code a route answers, optionally with what it means there. */
export type ErrorSpec = ErrorCode | Partial<Record<ErrorCode, string>>;

/**
 * The error codes a route answers beyond those every route of its kind does (the document
 * adds 401 to every route that needs a caller, 403 to every route closed to some roles, 400
 * to every route with a body or query): each is listed under its status, with an example.
 * `ApiErrors('CASE_NOT_FOUND', { CONFLICT: 'already sent' })`.
 */
export const ApiErrors = (...specs: ErrorSpec[]) =>
  ApiExtension(
    DOC_EXTENSIONS.errors,
    Object.assign({}, ...specs.map((s) => (typeof s === 'string' ? { [s]: '' } : s))),
  );

/** Response headers, each declared once in `components.headers`. */
export const RESPONSE_HEADERS = {
  ETag: {
    description:
      'The case version as a strong entity tag (`"3"`): send it back as `If-Match` to act only on this version.',
    schema: { type: 'string', example: '"3"' },
  },
  'X-Content-SHA256': {
    description: 'SHA-256 (lowercase hex) of the bytes of this response',
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  'Last-Modified': {
    description: 'When the figures were computed (the body’s `asOf`), as an HTTP date',
    schema: { type: 'string', example: 'Wed, 02 Dec 2026 06:00:00 GMT' },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 1 },
  },
} as const;
export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

/** `headers` of an `@ApiResponse`: references to the declared response headers. */
export const responseHeaders = (...names: ResponseHeaderName[]) =>
  Object.fromEntries(names.map((n) => [n, { $ref: `#/components/headers/${n}` }]));

/**
 * Request headers a route reads with `@Headers(name)`, each declared once in
 * `components.parameters` and optional: the service works without them.
 */
export const REQUEST_HEADERS = {
  'idempotency-key': {
    component: 'IdempotencyKey',
    parameter: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Your key for this request (1–200 characters). A retry with the same key and body answers the first answer again and changes nothing; the same key with another body answers 422 `IDEMPOTENCY_KEY_REUSED`. Keys are kept per caller.',
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    },
  },
  'if-match': {
    component: 'IfMatch',
    parameter: {
      name: 'If-Match',
      in: 'header',
      required: false,
      description:
        'The case `version` you read (or its `ETag`): the action is refused with 412 `PRECONDITION_FAILED` if the case changed since.',
      schema: { type: 'string', example: '3' },
    },
  },
} as const;
