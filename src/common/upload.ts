import type { FastifyRequest } from 'fastify';
import { AppError } from './errors/app-error';

export interface UploadedFile {
  filename: string;
  buffer: Buffer;
}

const oneFile = () =>
  AppError.validation([{ field: 'file', message: 'send exactly one file, in the field "file"' }]);

/**
 * Reads the one `file` part of a multipart request, reading the whole body so
 * that a second file is refused (400) rather than silently dropped, and a
 * body cut short (no closing boundary) is refused (400) rather than failing
 * as a server error. @fastify/multipart enforces the size limit while
 * streaming (413), so an oversized upload is never held in memory whole.
 */
export async function readUploadedFile(req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'send the file as multipart/form-data in the field "file"',
    );
  }
  let found: UploadedFile | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue; // other fields carry nothing we use
      if (part.fieldname !== 'file' || found) {
        part.file.resume();
        throw oneFile();
      }
      found = { filename: part.filename || 'upload', buffer: await part.toBuffer() };
    }
  } catch (e) {
    throw asUploadError(e);
  }
  if (!found) {
    throw AppError.validation([{ field: 'file', message: 'is required (multipart field "file")' }]);
  }
  return found;
}

/** Everything that goes wrong while reading a multipart body is the body's fault. */
function asUploadError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('PAYLOAD_TOO_LARGE', 'the file is larger than 10 MB');
  }
  if (code === 'FST_FILES_LIMIT') return oneFile();
  return AppError.validation([{ field: 'file', message: 'malformed multipart upload' }]);
}
