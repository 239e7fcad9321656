import { DateTime } from 'luxon';
import { bpToPercent } from '../common/percent';
import { DEFAULT_ANNUAL_COST_CEILING_BP } from '../organizations/organization.entity';
import type { DebtStatement } from './case.entity';

export interface AnnualCost {
  /** The charges as a yearly rate on the principal, in basis points (rounded). */
  rateBp: number;
  /** The days from the loan falling overdue to the statement's date (at least 1). */
  days: number;
}

/**
 * What the charges of a debt statement (interest, penalty interest, fees) cost a year, as a
 * rate on its principal over the time since the loan fell overdue: the period those charges
 * accrued in, as far as the case knows it (it holds no loan start date). A rough yardstick for
 * the mediator against the legal ceiling, not a calculation of the contract's own rate.
 * Null when the statement has no principal to measure against.
 */
export function annualCostOf(s: DebtStatement, overdueSince: string): AnnualCost | null {
  if (s.principalFen <= 0) return null;
  const charges = s.interestFen + s.penaltyInterestFen + s.feesFen;
  const days = Math.max(
    1,
    Math.round(DateTime.fromISO(s.asOf).diff(DateTime.fromISO(overdueSince), 'days').days),
  );
  return { rateBp: Math.round(((charges / s.principalFen) * 365 * 10_000) / days), days };
}

export interface CaseWarning {
  code: 'ANNUAL_COST_ABOVE_CEILING';
  message: string;
}

/** The warnings the mediation centre's staff see on a case: today, the annual-cost ceiling. */
export function caseWarnings(
  s: DebtStatement | null,
  overdueSince: string,
  ceilingBp: number | null,
): CaseWarning[] {
  if (!s) return [];
  const cost = annualCostOf(s, overdueSince);
  const ceiling = ceilingBp ?? DEFAULT_ANNUAL_COST_CEILING_BP;
  if (!cost || cost.rateBp <= ceiling) return [];
  return [
    {
      code: 'ANNUAL_COST_ABOVE_CEILING',
      message:
        `the interest, penalty interest and fees the lender states come to about ` +
        `${bpToPercent(cost.rateBp)} % a year on the principal over the ${cost.days} days since ` +
        `${overdueSince}, above the centre's ceiling of ${bpToPercent(ceiling)} %: ` +
        `a court may not uphold the part above it`,
    },
  ];
}
