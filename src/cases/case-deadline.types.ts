import type { DeadlineDerivation } from '../calendar/deadline';
import type { PeriodUnit } from '../common/period';
import type { DeadlineKind, ServedParty, ServiceChannel } from '../workflow/service-notices';

/** An extension both parties agreed to: what it added, and the term as it stood before. */
export interface DeadlineExtension {
  proposalId: string;
  days: number;
  reason: string;
  /** When the second consent came, ISO 8601. */
  agreedAt: string;
  previous: DeadlineDerivation;
}

/**
 * A deadline of a case (a row of `case_deadlines`): issued with its period when the notice
 * that starts it goes out, started with its derivation when that notice is delivered.
 */
export interface CaseDeadlineData {
  caseId: string;
  kind: DeadlineKind;
  /** The period as configured when it was issued; a later configuration does not change it. */
  unit: PeriodUnit;
  length: number;
  /** Whose notice starts it; null for a period that starts from a date (司法确认). */
  servedParty: ServedParty | null;
  issuedAt: Date;
  servedAt: Date | null;
  servedVia: ServiceChannel | null;
  /** Null until it started; after an agreed extension, the extension's own derivation. */
  derivation: DeadlineDerivation | null;
  extensions: DeadlineExtension[];
  /** It counted on a year without official calendar data. */
  provisional: boolean;
  /** When the clerks were told that it is provisional (they are told once). */
  provisionalFlaggedAt: Date | null;
}

/** The open proposal to extend the mediation term (`cases.extension_proposal`). */
export interface ExtensionProposal {
  id: string;
  days: number;
  reason: string;
  proposedBy: string | null;
  proposedAt: string;
  /** The term's end as it stands: a proposal not agreed by both by then lapses with the term. */
  expiresAt: string;
  agreedBy: ServedParty[];
  /** The term as it would end if both agree now. */
  wouldEnd: DeadlineDerivation;
}
