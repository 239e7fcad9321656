import { bpToPercent } from '../common/percent';
import { annualCostOf, caseWarnings } from './annual-cost';

const statement = (over: Partial<Parameters<typeof annualCostOf>[0]> = {}) => ({
  asOf: '2026-12-15',
  principalFen: 800000,
  interestFen: 90000,
  penaltyInterestFen: 50040,
  feesFen: 25000,
  ...over,
});

describe('annual cost of a debt statement', () => {
  it('is the charges a year on the principal over the days since the loan fell overdue', () => {
    // 1650.40 on 8000.00 over 183 days: 20.63 % of the principal, 41.15 % a year.
    expect(annualCostOf(statement(), '2026-06-15')).toEqual({ rateBp: 4115, days: 183 });
    expect(annualCostOf(statement({ asOf: '2027-06-15' }), '2026-06-15')).toEqual({
      rateBp: 2063,
      days: 365,
    });
  });

  it('counts at least one day, and measures nothing without a principal', () => {
    expect(annualCostOf(statement({ asOf: '2026-06-15' }), '2026-06-15')?.days).toBe(1);
    expect(annualCostOf(statement({ principalFen: 0 }), '2026-06-15')).toBeNull();
  });

  it('warns the centre above its ceiling, 24 % unless it set another, and not at it', () => {
    const [warning] = caseWarnings(statement(), '2026-06-15', null);
    expect(warning.code).toBe('ANNUAL_COST_ABOVE_CEILING');
    expect(warning.message).toContain('41.15 % a year');
    expect(warning.message).toContain('ceiling of 24.00 %');
    expect(caseWarnings(statement(), '2026-06-15', 4115)).toEqual([]);
    expect(caseWarnings(statement({ asOf: '2027-06-15' }), '2026-06-15', null)).toEqual([]);
    expect(caseWarnings(null, '2026-06-15', null)).toEqual([]);
  });

  it('prints basis points as a percentage with two decimals', () => {
    expect([bpToPercent(2400), bpToPercent(5), bpToPercent(12345)]).toEqual([
      '24.00',
      '0.05',
      '123.45',
    ]);
  });
});
