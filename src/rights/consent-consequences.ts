import type { CaseConsent, ConsentKind } from '../cases/case-consent.entity';
import { CONSENTS } from '../cases/case-consent.entity';
import type { ServiceAddressRecord } from '../cases/service-address.entity';
import type { RightsRequest } from './rights-request.entity';
import type {
  ConsentStateResponse,
  RightsRequestResponse,
  ServiceAddressEntryResponse,
} from './rights.dto';

/** What withdrawing each consent does, said before the person confirms (and in the answer). */
export const CONSEQUENCES: Record<ConsentKind, string> = {
  shareWithLender:
    'Withdrawing this withdraws your application: the mediation ends, the lender is told, and no more of your data goes to it. The case file is kept for its legal period. 撤回此项同意即撤回调解申请，调解终止。',
  onlineMediation:
    'From now on every session of this case is held in person; a session already booked online must be moved to a place by the mediator. 此后调解会议一律线下进行。',
  electronicService:
    'From now on notices and documents of this case are posted to your postal address; mails are courtesy copies only and do not count as service. 此后文书以邮寄方式送达。',
};

export const toConsentStates = (rows: CaseConsent[]): ConsentStateResponse[] =>
  CONSENTS.map((kind) => {
    const r = rows.find((x) => x.kind === kind);
    return {
      kind,
      state: !r ? 'declined' : r.withdrawnAt ? 'withdrawn' : 'in_force',
      grantedAt: r?.grantedAt.toISOString() ?? null,
      withdrawnAt: r?.withdrawnAt?.toISOString() ?? null,
      privacyNoticeVersion: r?.privacyNoticeVersion ?? null,
      consequence: CONSEQUENCES[kind],
    };
  });

export const toRequest = (r: RightsRequest): RightsRequestResponse => ({
  id: r.id,
  kind: r.kind,
  caseId: r.caseId,
  request: r.request,
  outcome: r.outcome,
  answer: r.answer,
  at: r.createdAt.toISOString(),
});

export const toAddress = (a: ServiceAddressRecord): ServiceAddressEntryResponse => ({
  email: a.email,
  phone: a.phone,
  postalAddress: a.postalAddress,
  reason: a.reason,
  confirmedAt: a.createdAt.toISOString(),
});
