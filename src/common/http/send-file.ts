import type { Readable } from 'node:stream';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';

/** A file a route answers with: its bytes (or a stream of them) and how to name it. */
export interface FileAnswer {
  contentType: string;
  /** Any characters: an ASCII name as it is, any other as its UTF-8 form (RFC 6266, 8187). */
  filename: string;
  body: Buffer | string | Readable;
  /** Sent as `X-Content-SHA256` when known, so the receiver can check the bytes. */
  sha256?: string;
  length?: number;
}

/**
 * Every download of the API and the pages goes out through here: the same headers for the same
 * file whichever door it leaves by. Personal files are never cached (`private, no-store`).
 */
export async function sendFile(
  reply: FastifyReply,
  file: FileAnswer,
  disposition: 'attachment' | 'inline' = 'attachment',
): Promise<void> {
  void reply
    .header('Content-Type', file.contentType)
    .header(
      'Content-Disposition',
      contentDisposition(file.filename, { type: disposition, fallback: false }),
    )
    .header('Cache-Control', 'private, no-store');
  if (file.sha256) void reply.header('X-Content-SHA256', file.sha256);
  if (file.length !== undefined) void reply.header('Content-Length', file.length);
  await reply.send(file.body);
}
