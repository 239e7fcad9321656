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
  const { file } = await readUploadedForm(req);
  if (!file) {
    throw AppError.validation([{ field: 'file', message: 'is required (multipart field "file")' }]);
  }
  return file;
}

/**
 * As `readUploadedFile`, with the form's text fields beside the file (the last of a repeated
 * name); the file may be missing, for the caller to refuse with its other fields' errors.
 */
export async function readUploadedForm(
  req: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: UploadedFile | null }> {
  if (!req.isMultipart()) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'send the file as multipart/form-data in the field "file"',
    );
  }
  let found: UploadedFile | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || found) {
        part.file.resume();
        throw oneFile();
      }
      found = { filename: part.filename || 'upload', buffer: await part.toBuffer() };
    }
  } catch (e) {
    throw asUploadError(e);
  }
  return { fields, file: found };
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

/** A PDF file starts with `%PDF-` (ISO 32000, 7.5.2); a page says so before looking it up. */
export function assertPdf(buffer: Buffer): void {
  if (buffer.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw AppError.validation([
      { field: 'file', message: 'is not a PDF file: upload the PDF document you received' },
    ]);
  }
}
