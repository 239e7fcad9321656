import type { FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../../access/principal';
import { AppError } from '../../common/errors/app-error';
import { readUploadedFile } from '../../common/upload';
import type { EvidenceResponse, EvidenceService } from '../../evidence/evidence.service';
import { formFailure } from '../page-forms';
import type { Submitted } from '../page-forms';

/** Refusals of the file itself, which the page shows beside the file input. */
const ABOUT_THE_FILE = new Set(['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']);

/**
 * An evidence upload from a page: the multipart body read as `POST /api/v1/cases/:id/evidence`
 * reads it (same size limit while streaming), stored by the same EvidenceService call (same
 * type check from the content). A refusal of the file is the form's error on `file`.
 */
export async function uploadEvidence(
  evidence: EvidenceService,
  req: FastifyRequest,
  p: UserPrincipal,
  caseId: string,
): Promise<Submitted<EvidenceResponse>> {
  try {
    return { ok: true, result: await evidence.upload(p, caseId, await readUploadedFile(req)) };
  } catch (e) {
    const asField =
      e instanceof AppError && ABOUT_THE_FILE.has(e.code)
        ? new AppError(e.code, e.message, { errors: [{ field: 'file', message: e.message }] })
        : e;
    return { ok: false, form: formFailure(asField, {}) };
  }
}

/** `1.5 MB`, `320 KB`: a file's size for people. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
