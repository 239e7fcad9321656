import type { FastifyReply, FastifyRequest } from 'fastify';

/** The body the error filter writes: `{ statusCode, code, message, ...details }`. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [detail: string]: unknown;
}

/**
 * How errors of web page requests are answered (src/web provides it): as pages in the
 * house style rather than the API's JSON. The API's requests never reach it.
 */
export interface ErrorPages {
  isPageRequest(req: FastifyRequest): boolean;
  render(
    req: FastifyRequest,
    reply: FastifyReply,
    error: ErrorBody,
    exception: unknown,
  ): Promise<void>;
}

export const ERROR_PAGES = Symbol('ERROR_PAGES');
