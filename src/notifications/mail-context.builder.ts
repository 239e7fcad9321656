import { DateTime } from 'luxon';
import type { CaseRecord } from '../cases/case.entity';
import type { MailExtension, MailExtra } from '../cases/case-mail';
import type { CaseDeadlineData } from '../cases/case-deadline.types';
import { caseDeadline, deadlineWords, describeExtension } from '../cases/case-deadline.view';
import { describePeriod } from '../calendar/period-wording';
import { fenToYuan } from '../common/money';
import type { MailContext, MailDeadline, MailExtensionContext, MailLocale } from './mail-context';

const ZONE = 'Asia/Shanghai';
const ZONE_LABEL: Record<MailLocale, string> = { 'zh-CN': '北京时间', en: 'Beijing time' };

/** An instant as mail shows it: Beijing time, labelled, e.g. "2026-12-03 18:00 (北京时间)". */
export function formatInstant(at: Date, locale: MailLocale): string {
  const local = DateTime.fromJSDate(at, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
  return `${local} (${ZONE_LABEL[locale]})`;
}

/**
 * A deadline as the law states it: the end of its last day, "2026-12-11 24:00 (北京时间)",
 * rather than the next day's 00:00, which reads as a day later.
 */
export function formatDeadline(at: Date, locale: MailLocale): string {
  const local = DateTime.fromJSDate(at, { zone: ZONE });
  if (local.hour !== 0 || local.minute !== 0 || local.second !== 0)
    return formatInstant(at, locale);
  return `${local.minus({ days: 1 }).toFormat('yyyy-MM-dd')} 24:00 (${ZONE_LABEL[locale]})`;
}

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * An action's input as strings for the templates. One nested object level is lifted to the
 * top (lender_accept's `counterProposal.settlementAmount` → `settlementAmount`) without
 * overwriting a top-level key; arrays and deeper values are left out.
 */
export function flattenInput(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (isScalar(v)) out[k] = String(v);
  for (const v of Object.values(input)) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    for (const [k, inner] of Object.entries(v)) {
      if (isScalar(inner) && !(k in out)) out[k] = String(inner);
    }
  }
  return out;
}

function mailDeadline(d: CaseDeadlineData | undefined, locale: MailLocale): MailDeadline | null {
  if (!d) return null;
  return {
    period: describePeriod(d, locale),
    started: d.derivation !== null,
    words: deadlineWords(d, locale),
    provisional: d.provisional,
  };
}

function mailExtension(e: MailExtension, locale: MailLocale): MailExtensionContext {
  return {
    proposalId: e.proposalId,
    days: String(e.days),
    reason: e.reason,
    borrowerAgreed: e.agreedBy.includes('borrower'),
    lenderAgreed: e.agreedBy.includes('lender'),
    agreed: e.agreed,
    term: describeExtension(e.term, locale),
    expiresAt: formatDeadline(new Date(e.expiresAt), locale),
  };
}

export interface MailContextInput {
  case: CaseRecord;
  recipientName: string;
  input: Record<string, unknown>;
  publicBaseUrl: string;
  /** What the action's effects add: the session, the agreement and its amounts. */
  extra?: MailExtra;
  /** The notice's check code, printed in the footer with where to check it. */
  checkCode: string;
  /** The configured periods, in words in the case's language (for the filing receipt). */
  periods: MailContext['periods'];
}

/** What every mail about a case may print, with what the action's effects added. */
export function buildMailContext(m: MailContextInput): MailContext {
  const c = m.case;
  const locale = c.locale;
  return {
    caseNumber: c.caseNumber,
    recipientName: m.recipientName,
    borrowerName: c.borrowerName,
    lenderName: c.lenderOrganization?.name ?? '',
    mediatorName: c.mediator?.name ?? null,
    status: c.status,
    caseUrl: `${m.publicBaseUrl}/cases/${c.id}`,
    checkCode: m.checkCode,
    verifyUrl: `${m.publicBaseUrl}/verify?code=${m.checkCode}`,
    complaintsUrl: `${m.publicBaseUrl}/complaints`,
    periods: m.periods,
    input: flattenInput(m.input),
    lenderResponseDueAt: c.lenderResponseDueAt
      ? formatDeadline(c.lenderResponseDueAt, locale)
      : null,
    mediationDueAt: c.mediationDueAt ? formatDeadline(c.mediationDueAt, locale) : null,
    lenderResponse: mailDeadline(caseDeadline(c, 'lender_response'), locale),
    mediationTerm: mailDeadline(caseDeadline(c, 'mediation_term'), locale),
    extension: m.extra?.extension ? mailExtension(m.extra.extension, locale) : null,
    amounts: { outstanding: fenToYuan(c.loanOutstandingFen), ...m.extra?.amounts },
    loan: { contractNumber: c.loanContractNumber },
    proposal: { installments: c.proposal.installments, requestWaiver: c.proposal.requestWaiver },
    session: m.extra?.session ?? null,
    agreement: m.extra?.agreement ?? null,
  };
}
