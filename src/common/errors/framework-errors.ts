import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [detail: string]: unknown;
}

/**
 * Fastify's own refusals, each with a fixed message: theirs quote the input
 * (a bad URL, the start of a malformed body), which must not come back.
 */
const FASTIFY: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'the request body is larger than this route accepts',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'this content type is not accepted here; send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'VALIDATION_FAILED',
    message: 'Content-Length does not match the body',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'VALIDATION_FAILED',
    message: 'the body is empty but declared as JSON',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'VALIDATION_FAILED',
    message: 'the body is not valid JSON',
  },
  FST_ERR_BAD_URL: { code: 'VALIDATION_FAILED', message: 'the URL is not validly encoded' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', message: 'a part of the path is too long' },
};

/** `METHOD_NOT_ALLOWED` for 405: a stable code for a status we have no code of our own for. */
export const statusCodeName = (status: number) =>
  (STATUS_CODES[status] ?? 'Error').toUpperCase().replace(/[^A-Z]+/g, '_');

/** Fixed wording per status, for framework errors whose own message may quote the request. */
const STATUS_MESSAGE: Record<number, string> = {
  400: 'the request is malformed',
  404: 'no such route',
  405: 'this method is not allowed here',
  406: 'the requested representation is not available',
  413: 'the request body is too large',
  415: 'this content type is not accepted here',
};

/** The error body for one of Fastify's or Nest's own 4xx errors. */
export function frameworkErrorBody(
  status: number,
  fastifyCode: string | undefined,
  fallbackCode: string,
): ErrorBody {
  const known = fastifyCode ? FASTIFY[fastifyCode] : undefined;
  if (known) return { statusCode: status, ...known };
  return {
    statusCode: status,
    code: fallbackCode,
    message: STATUS_MESSAGE[status] ?? (STATUS_CODES[status] ?? 'error').toLowerCase(),
  };
}

/**
 * Fastify's router refuses a malformed URL (400) or an over-long path
 * parameter (414) before any hook or Nest's error handling runs; answered
 * here with the fixed wording (its own message quotes the path).
 */
export function frameworkErrors(
  error: { statusCode?: number; code?: string },
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .code(status)
    .header('Cache-Control', 'no-store')
    .send(frameworkErrorBody(status, error.code, statusCodeName(status)));
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers
 * over 16 KB: 431, a malformed request line: 400, a request too slow: 408).
 * Answered here in the contract's shape, without the input, then the socket
 * is closed, as Node does.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'the request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'the request took too long to arrive']
        : [400, 'VALIDATION_FAILED', 'the request is malformed'];
  const body = JSON.stringify({ statusCode: status, code, message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
