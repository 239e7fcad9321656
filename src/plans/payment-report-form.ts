import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/errors/app-error';
import { createValidationPipe } from '../common/errors/validation';
import { readUploadedForm } from '../common/upload';
import type { UploadedFile } from '../common/upload';
import { ReportPaymentDto } from './payment-report.dto';

export interface PaymentReportSubmission {
  dto: ReportPaymentDto;
  file: UploadedFile;
}

const pipe = createValidationPipe();

/** A form's own fields (`_csrf`, `lang`) belong to the page, never to the report. */
const PAGE_FIELD = /^(_|lang$)/;

/**
 * The borrower's multipart form as one report: `amount` and `paidOn` bound to the DTO with the
 * API's rules, and the proof in `file` (an empty file input counts as none). Every field's
 * error is given at once, the file's among them.
 */
export async function bindPaymentReport(
  fields: Record<string, string>,
  file: UploadedFile | null,
): Promise<PaymentReportSubmission> {
  const body = Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => !PAGE_FIELD.test(k) && v.trim() !== ''),
  );
  const proof = file && file.buffer.length > 0 ? file : null;
  const missing = proof ? [] : [{ field: 'file', message: 'is required: the proof of payment' }];
  let dto: ReportPaymentDto;
  try {
    dto = (await pipe.transform(body, {
      type: 'body',
      metatype: ReportPaymentDto,
    })) as ReportPaymentDto;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
    const errors = (e.details.errors ?? []) as { field: string; message: string }[];
    throw AppError.validation([...errors, ...missing]);
  }
  if (!proof) throw AppError.validation(missing);
  return { dto, file: proof };
}

/** `POST /cases/:id/plan/payment-reports`: the multipart body read and bound. */
export async function readPaymentReport(req: FastifyRequest): Promise<PaymentReportSubmission> {
  const { fields, file } = await readUploadedForm(req);
  return bindPaymentReport(fields, file);
}
