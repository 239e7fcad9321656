import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Inject,
  Logger,
  Optional,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_STATUS, ErrorCode } from './app-error';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable';
import { ERROR_PAGES } from './error-pages';
import type { ErrorPages } from './error-pages';
import { ErrorBody, frameworkErrorBody, statusCodeName } from './framework-errors';

const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

const fastifyCode = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('FST_') ? code : undefined;
};

/**
 * Writes every error as `{ statusCode, code, message }` (plus `errors` for
 * validation). The framework's own errors get fixed wording (theirs may quote
 * the input); a database that cannot be reached is 503 with Retry-After;
 * anything else unexpected is a bare 500: no stack, SQL or path.
 * A web page's request gets the same error as a page instead (`ErrorPages`).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  constructor(@Optional() @Inject(ERROR_PAGES) private readonly pages?: ErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && body.code !== 'SERVICE_UNAVAILABLE') this.logger.error(exception);
    if (typeof body.retryAfterSeconds === 'number') {
      void reply.header('Retry-After', String(body.retryAfterSeconds));
    }
    if (this.pages?.isPageRequest(req)) {
      this.pages.render(req, reply, body, exception).catch((e: unknown) => {
        this.logger.error(e);
        if (!reply.sent) void reply.status(body.statusCode).send(body);
      });
      return;
    }
    // A client told how long to wait hears it the standard way too.
    if (typeof body.retryAfterSeconds === 'number') {
      void reply.header('Retry-After', String(body.retryAfterSeconds));
    }
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (!(exception instanceof AppError) && isDatabaseUnavailable(exception)) {
      return this.toBody(databaseUnavailable());
    }
    if (exception instanceof AppError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      // Terminus's 503 (/health) is the database too.
      if (statusCode === 503) return this.toBody(databaseUnavailable());
      if (statusCode >= 500) return { statusCode, code: 'INTERNAL', message: 'internal error' };
      const code = CODE_FOR_STATUS[statusCode] ?? statusCodeName(statusCode);
      return frameworkErrorBody(statusCode, fastifyCode(exception.cause), code);
    }
    // Fastify's own errors (body too large, bad JSON, wrong content type) carry a statusCode.
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const code = CODE_FOR_STATUS[fastifyStatus] ?? statusCodeName(fastifyStatus);
      return frameworkErrorBody(fastifyStatus, fastifyCode(exception), code);
    }
    return { statusCode: ERROR_STATUS.INTERNAL, code: 'INTERNAL', message: 'internal error' };
  }
}
