import { beijingIso } from '../calendar/calendar-date';
import type { DeadlineDerivation } from '../calendar/deadline';
import { describeDeadline } from '../calendar/deadline-wording';
import type { WordingLocale } from '../calendar/deadline-wording';
import { describePeriod } from '../calendar/period-wording';
import type { DeadlineKind } from '../workflow/service-notices';
import type {
  CaseDeadlineResponse,
  DeadlineWordsResponse,
  ExtensionProposalResponse,
} from './case-deadline.dto';
import type { CaseDeadlineData, ExtensionProposal } from './case-deadline.types';
import type { CaseRecord } from './case.entity';

const PARTY: Record<'lender' | 'borrower', Record<WordingLocale, string>> = {
  lender: { 'zh-CN': '贷款机构', en: 'the lender' },
  borrower: { 'zh-CN': '申请人', en: 'the applicant' },
};

function unserved(d: CaseDeadlineData, locale: WordingLocale): string {
  const period = describePeriod(d, locale);
  const party = PARTY[d.servedParty ?? 'borrower'][locale];
  if (d.servedAt) {
    return locale === 'en'
      ? `${period} from the day after the notice is served on ${party}. When it was delivered the case had already moved on, so the period did not start.`
      : `${period}，自通知送达${party}次日起算。通知送达时本案已进入下一阶段，期限未开始计算。`;
  }
  return locale === 'en'
    ? `${period} from the day after the notice is served on ${party}. The notice has not been delivered yet, so the period has not started.`
    : `${period}，自通知送达${party}次日起算。通知尚未送达，期限尚未开始计算。`;
}

/** An extended term: the extension's own derivation, said as one. */
export function describeExtension(d: DeadlineDerivation, locale: WordingLocale): string {
  const words = describeDeadline(d, locale, { from: 'date' });
  return locale === 'en'
    ? `Extended with both parties’ consent: ${words}`
    : `经双方同意延长：${words}`;
}

/** A deadline in words, as the case page and mail show it, in the case's language or any. */
export function deadlineWords(d: CaseDeadlineData, locale: WordingLocale): string {
  if (!d.derivation) return unserved(d, locale);
  if (d.extensions.length) return describeExtension(d.derivation, locale);
  // A period that starts from a date rather than a notice (司法确认) says no 送达.
  return describeDeadline(d.derivation, locale, { from: d.servedParty ? 'service' : 'date' });
}

const both = (say: (l: WordingLocale) => string): DeadlineWordsResponse => ({
  'zh-CN': say('zh-CN'),
  en: say('en'),
});

export function toDeadlineResponse(d: CaseDeadlineData | undefined): CaseDeadlineResponse | null {
  if (!d) return null;
  const x = d.derivation;
  return {
    status: x ? 'started' : d.servedAt ? 'not_started' : 'notice_not_delivered',
    unit: x?.unit ?? d.unit,
    length: x?.length ?? d.length,
    at: x?.at ?? null,
    startedAt: x?.startedAt ?? null,
    startDay: x?.startDay ?? null,
    firstCountedDay: x?.firstCountedDay ?? null,
    lastDay: x?.lastDay ?? null,
    skipped: x?.skipped ?? [],
    countedMakeupWorkdays: x?.countedMakeupWorkdays ?? [],
    rolledFrom: x?.rolledFrom ?? null,
    provisional: x?.provisional ?? false,
    provisionalYears: x?.provisionalYears ?? [],
    basis: x ? (d.extensions.length ? 'extension' : 'service') : null,
    notice: d.servedParty
      ? {
          party: d.servedParty,
          issuedAt: beijingIso(d.issuedAt),
          deliveredAt: d.servedAt ? beijingIso(d.servedAt) : null,
          deliveredBy: d.servedVia,
        }
      : null,
    extensions: d.extensions.map((e) => ({
      proposalId: e.proposalId,
      days: e.days,
      reason: e.reason,
      agreedAt: e.agreedAt,
      previousAt: e.previous.at,
    })),
    description: both((l) => deadlineWords(d, l)),
  };
}

export function caseDeadline(c: CaseRecord, kind: DeadlineKind): CaseDeadlineData | undefined {
  return c.deadlines?.find((d) => d.kind === kind);
}

export function toExtensionProposalResponse(
  p: ExtensionProposal | null,
): ExtensionProposalResponse | null {
  if (!p) return null;
  return {
    id: p.id,
    days: p.days,
    reason: p.reason,
    proposedAt: p.proposedAt,
    expiresAt: p.expiresAt,
    agreedBy: p.agreedBy,
    wouldEndAt: p.wouldEnd.at,
    description: both((l) => describeExtension(p.wouldEnd, l)),
  };
}
