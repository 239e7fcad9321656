import { DateTime } from 'luxon';
import { AppError, FieldError } from '../common/errors/app-error';
import { fenToYuan, yuanToFen } from '../common/money';
import type { AgreementPayment, AgreementTerms } from './agreement-document';

/** The terms as the mediator sends them (AgreementTermsDto, validated for shape). */
export interface TermsInput {
  settlementAmount: string;
  installments: number;
  firstDueDate: string;
  waivedAmount: string;
  clauses?: string[];
  payment: { accountName?: string; bankName?: string; accountNumber?: string; channel?: string };
}

/** How far ahead the first installment may fall: a plan that starts later is no plan yet. */
export const MAX_FIRST_DUE_MONTHS = 12;
const ZONE = 'Asia/Shanghai';
const ACCOUNT = ['accountName', 'bankName', 'accountNumber'] as const;

/**
 * The business rules of agreement terms beyond their shape (workflow.md "Agreement terms"),
 * all checked at once so the mediator sees every problem in one 400. `confirmedFen` is the
 * total of the lender's debt statement, which settlement and waiver together must equal;
 * `now` decides what "today" is, in Beijing.
 */
export function termsFromInput(input: TermsInput, confirmedFen: number, now: Date): AgreementTerms {
  const errors: FieldError[] = [];
  const settlementFen = yuanToFen(input.settlementAmount);
  const waivedFen = yuanToFen(input.waivedAmount);

  if (settlementFen < 1) {
    errors.push({ field: 'settlementAmount', message: 'must be more than 0.00' });
  } else if (settlementFen + waivedFen !== confirmedFen) {
    const message =
      `settlementAmount + waivedAmount is ${fenToYuan(settlementFen + waivedFen)}; it must ` +
      `equal ${fenToYuan(confirmedFen)}, the total the lender confirmed`;
    errors.push({ field: 'settlementAmount', message }, { field: 'waivedAmount', message });
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

  const payment = paymentOf(input.payment, errors);
  if (errors.length || !payment) throw AppError.validation(errors);
  return {
    settlementFen,
    waivedFen,
    installments: input.installments,
    firstDueDate: input.firstDueDate,
    clauses,
    payment,
  };
}

/** Either the whole payee account or a channel, never both, never half an account. */
function paymentOf(p: TermsInput['payment'], errors: FieldError[]): AgreementPayment | null {
  const given = ACCOUNT.filter((f) => p[f]?.trim());
  const channel = p.channel?.trim();
  if (channel && given.length) {
    errors.push({
      field: 'payment.channel',
      message: 'give either the payee account or a channel, not both',
    });
    return null;
  }
  if (channel) return { kind: 'channel', channel };
  if (given.length === ACCOUNT.length) {
    return {
      kind: 'account',
      accountName: p.accountName!.trim(),
      bankName: p.bankName!.trim(),
      accountNumber: p.accountNumber!.trim(),
    };
  }
  const missing = given.length ? ACCOUNT.filter((f) => !given.includes(f)) : ['channel'];
  for (const f of missing) {
    errors.push({
      field: `payment.${f}`,
      message: given.length
        ? 'is required with the rest of the payee account'
        : 'is required: the payee account (accountName, bankName, accountNumber) or a channel',
    });
  }
  return null;
}
