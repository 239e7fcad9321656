/** Stable error codes and the HTTP status each one answers with. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  CONSENT_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ACTION_NOT_PERMITTED: 403,
  NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SESSION_CONFLICT: 409,
  AGREEMENT_MISMATCH: 409,
  REQUEST_TIMEOUT: 408,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_REQUESTS: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

/** The one error type the service throws on purpose; the global filter renders it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra, safe-to-show properties merged into the response body. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static validation(errors: FieldError[]): AppError {
    const message = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new AppError('VALIDATION_FAILED', message || 'validation failed', { errors });
  }
}
