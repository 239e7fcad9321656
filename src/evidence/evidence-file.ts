import { extname } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { AppError } from '../common/errors/app-error';

/** Enough for a phone photo or a scanned page; a bigger image is a decompression bomb for whoever opens it. */
export const MAX_IMAGE_SIDE = 10_000;
export const MAX_IMAGE_PIXELS = 40_000_000;

/**
 * The name a file is stored and served under: the uploader's, made safe for a
 * header, with the extension of the type read from the content, so a PDF sent
 * as `scan.html` is served as `scan.pdf` (never opened as a page).
 */
export function storedFilename(original: string, ext: string): string {
  const safe = original.replace(/[\r\n"\\/]/g, '_');
  const base = safe.slice(0, safe.length - extname(safe).length) || 'upload';
  return `${base.slice(0, 190)}.${ext}`;
}

/** Refuses an image whose header declares more pixels than anyone needs, before it is stored. */
export function assertImageDimensions(buffer: Buffer, mime: string): void {
  if (!mime.startsWith('image/')) return;
  let size: { width?: number; height?: number };
  try {
    size = imageSize(buffer);
  } catch {
    throw AppError.validation([{ field: 'file', message: 'the image header cannot be read' }]);
  }
  const { width = 0, height = 0 } = size;
  if (
    width < 1 ||
    height < 1 ||
    width > MAX_IMAGE_SIDE ||
    height > MAX_IMAGE_SIDE ||
    width * height > MAX_IMAGE_PIXELS
  ) {
    throw AppError.validation([
      {
        field: 'file',
        message: `images may be at most ${MAX_IMAGE_SIDE} px a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
      },
    ]);
  }
}

/** What an uploaded file may be: checked from the bytes, never from the name or the declared type. */
export const UPLOAD_TYPES: ReadonlyMap<string, string> = new Map([
  ['application/pdf', 'pdf'],
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
]);

/**
 * The type of an upload read from its content (a PDF, JPEG or PNG), its image size checked:
 * 415 for anything else, 400 for an image too large to open safely. `what` names it in the error.
 */
export async function uploadedFileType(
  buffer: Buffer,
  what: string,
): Promise<{ mime: string; ext: string }> {
  const type = await fileTypeFromBuffer(buffer);
  const ext = type && UPLOAD_TYPES.get(type.mime);
  if (!type || !ext) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${what} must be a PDF, JPEG or PNG file`);
  }
  assertImageDimensions(buffer, type.mime);
  return { mime: type.mime, ext };
}
