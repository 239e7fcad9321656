import type { FastifyRequest } from 'fastify';
import { AppError } from './errors/app-error';

export interface UploadedFile {
  filename: string;
  buffer: Buffer;
}

/**
 * Reads the one `file` part of a multipart request. @fastify/multipart
 * enforces the size limit while streaming (413), so an oversized upload is
 * never held in memory whole.
 */
export async function readUploadedFile(req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'send the file as multipart/form-data in the field "file"',
    );
  }
  let part;
  try {
    part = await req.file({ throwFileSizeLimit: true });
  } catch (e) {
    throw asUploadError(e);
  }
  if (!part || part.fieldname !== 'file') {
    throw AppError.validation([{ field: 'file', message: 'is required (multipart field "file")' }]);
  }
  try {
    return { filename: part.filename || 'upload', buffer: await part.toBuffer() };
  } catch (e) {
    throw asUploadError(e);
  }
}

function asUploadError(e: unknown): unknown {
  const code = (e as { code?: string })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') {
    return new AppError('PAYLOAD_TOO_LARGE', 'the file is larger than 10 MB');
  }
  if (code?.startsWith('FST_'))
    return AppError.validation([{ field: 'file', message: 'malformed upload' }]);
  return e;
}
