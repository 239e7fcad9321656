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
import { ERROR_PAGES } from './error-pages';
import type { ErrorBody, ErrorPages } from './error-pages';

const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Writes every error as `{ statusCode, code, message }` (plus `errors` for
 * validation). Anything unexpected becomes a bare 500: no stack, SQL or path.
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
    if (body.statusCode >= 500) this.logger.error(exception);
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
      const code = CODE_FOR_STATUS[statusCode] ?? (statusCode >= 500 ? 'INTERNAL' : 'CONFLICT');
      const response = exception.getResponse();
      const raw =
        typeof response === 'object' && response && 'message' in response
          ? (response as { message: unknown }).message
          : exception.message;
      const message = statusCode >= 500 ? 'internal error' : String(raw);
      return { statusCode, code, message };
    }
    // Fastify's own errors (body too large, bad JSON, wrong content type) carry a statusCode.
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const code = CODE_FOR_STATUS[fastifyStatus] ?? 'VALIDATION_FAILED';
      return { statusCode: fastifyStatus, code, message: safeMessage(exception) };
    }
    return { statusCode: ERROR_STATUS.INTERNAL, code: 'INTERNAL', message: 'internal error' };
  }
}

function safeMessage(exception: unknown): string {
  const m = (exception as { message?: unknown })?.message;
  return typeof m === 'string' && m.length < 300 ? m : 'bad request';
}
