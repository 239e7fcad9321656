import { DateTime } from 'luxon';
import { AppError, FieldError } from '../common/errors/app-error';
import { fenToYuan, yuanToFen } from '../common/money';
import type { AgreementTerms } from './agreement-document';

/** The terms as the mediator sends them (AgreementTermsDto, validated for shape). */
export interface TermsInput {
  settlementAmount: string;
  installments: number;
  firstDueDate: string;
  waivedAmount: string;
  clauses?: string[];
}

/** How far ahead the first installment may fall: a plan that starts later is no plan yet. */
export const MAX_FIRST_DUE_MONTHS = 12;
const ZONE = 'Asia/Shanghai';

/**
 * The business rules of agreement terms beyond their shape (workflow.md "Agreement terms"),
 * all checked at once so the mediator sees every problem in one 400. `outstandingFen` is the
 * debt on file; `now` decides what "today" is, in Beijing.
 */
export function termsFromInput(
  input: TermsInput,
  outstandingFen: number,
  now: Date,
): AgreementTerms {
  const errors: FieldError[] = [];
  const settlementFen = yuanToFen(input.settlementAmount);
  const waivedFen = yuanToFen(input.waivedAmount);
  const outstanding = fenToYuan(outstandingFen);

  if (settlementFen < 1) {
    errors.push({ field: 'settlementAmount', message: 'must be more than 0.00' });
  } else if (settlementFen > outstandingFen) {
    errors.push({
      field: 'settlementAmount',
      message: `must not exceed the outstanding amount ${outstanding}`,
    });
  } else if (settlementFen + waivedFen > outstandingFen) {
    errors.push({
      field: 'waivedAmount',
      message: `together with the settlement amount must not exceed the outstanding amount ${outstanding}`,
    });
  }
  if (settlementFen >= 1 && input.installments > settlementFen) {
    errors.push({
      field: 'installments',
      message: 'must not exceed the settlement amount in fen (each installment at least 0.01)',
    });
  }

  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  const first = DateTime.fromISO(input.firstDueDate, { zone: ZONE });
  if (first < today) {
    errors.push({
      field: 'firstDueDate',
      message: `must not be in the past (today is ${today.toISODate()})`,
    });
  } else if (first > today.plus({ months: MAX_FIRST_DUE_MONTHS })) {
    errors.push({
      field: 'firstDueDate',
      message: `must be within ${MAX_FIRST_DUE_MONTHS} months of today (${today.toISODate()})`,
    });
  }

  const clauses = (input.clauses ?? []).map((c) => c.trim());
  clauses.forEach((c, i) => {
    if (c === '') errors.push({ field: `clauses.${i}`, message: 'must not be blank' });
  });

  if (errors.length) throw AppError.validation(errors);
  return {
    settlementFen,
    waivedFen,
    installments: input.installments,
    firstDueDate: input.firstDueDate,
    clauses,
  };
}
