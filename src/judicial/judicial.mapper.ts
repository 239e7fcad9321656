import type { AgreementVersion } from '../agreements/agreement-version.entity';
import { beijingIso } from '../calendar/calendar-date';
import { describeDeadline } from '../calendar/deadline-wording';
import type { JudicialConfirmation } from './judicial-confirmation.entity';
import { REMINDER_DAYS_BEFORE, reminderAt } from './judicial-deadline';
import type { DeadlineDerivation } from '../calendar/deadline';
import type { JudicialConfirmationResponse, JudicialDeadlineResponse } from './judicial.dto';

/** The 30 days with their derivation, and when both parties are reminded. */
export function toDeadlineResponse(d: DeadlineDerivation): JudicialDeadlineResponse {
  return {
    at: d.at,
    unit: d.unit,
    length: d.length,
    startedAt: d.startedAt,
    startDay: d.startDay,
    firstCountedDay: d.firstCountedDay,
    lastDay: d.lastDay,
    skipped: d.skipped,
    rolledFrom: d.rolledFrom,
    provisional: d.provisional,
    description: {
      'zh-CN': `自调解协议生效之日起：${describeDeadline(d, 'zh-CN', { from: 'date' })}`,
      en: `From the day the agreement took effect: ${describeDeadline(d, 'en', { from: 'date' })}`,
    },
    reminders: REMINDER_DAYS_BEFORE.map((n) => beijingIso(reminderAt(d, n))),
  };
}

export function toJudicialResponse(
  j: JudicialConfirmation,
  v: AgreementVersion,
  caseNumber: string,
  created: boolean,
): JudicialConfirmationResponse {
  const iso = (at: Date | null) => (at ? beijingIso(at) : null);
  return {
    caseId: j.caseId,
    caseNumber,
    status: j.status,
    court: j.courtName,
    agreementVersion: v.version,
    verificationCode: v.verificationCode!,
    requestedBy: j.requestedByParty,
    requestedAt: beijingIso(j.requestedAt),
    parties: [
      { party: 'borrower', joinedAt: iso(j.borrowerJoinedAt), joinedBy: j.borrowerJoinedBy },
      {
        party: 'lender',
        joinedAt: iso(j.lenderJoinedAt),
        joinedBy: j.lenderJoinedByUserId ?? j.lenderJoinedByApiKeyId,
      },
    ],
    deadline: toDeadlineResponse(j.deadline),
    outcomeAt: iso(j.outcomeAt),
    outcomeNote: j.outcomeNote,
    created,
  };
}
