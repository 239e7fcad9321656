import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, ERROR_STATUS, ErrorCode } from './app-error';

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
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception);
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): { statusCode: number; code: string; message: string } {
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
