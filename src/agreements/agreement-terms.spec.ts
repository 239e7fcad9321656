import { AppError } from '../common/errors/app-error';
import { termsFromInput, TermsInput } from './agreement-terms';

// 2026-11-26 06:00 UTC is 14:00 in Beijing; 2026-11-25 20:00 UTC is already the 26th there.
const NOW = new Date('2026-11-26T06:00:00Z');
const OUTSTANDING = 965040;

const input = (overrides: Partial<TermsInput> = {}): TermsInput => ({
  settlementAmount: '8000.00',
  installments: 12,
  firstDueDate: '2026-12-15',
  waivedAmount: '1650.40',
  clauses: [' 提前还款不收费。 '],
  ...overrides,
});

function fieldsOf(overrides: Partial<TermsInput>, now = NOW): string[] {
  try {
    termsFromInput(input(overrides), OUTSTANDING, now);
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
      return (e.details.errors as { field: string }[]).map((f) => f.field);
    }
    throw e;
  }
  return [];
}

describe('termsFromInput', () => {
  it('turns valid terms into fen, with clauses trimmed', () => {
    expect(termsFromInput(input(), OUTSTANDING, NOW)).toEqual({
      settlementFen: 800000,
      waivedFen: 165040,
      installments: 12,
      firstDueDate: '2026-12-15',
      clauses: ['提前还款不收费。'],
    });
  });

  it('allows settling for the whole outstanding amount, due today', () => {
    expect(
      fieldsOf({ settlementAmount: '9650.40', waivedAmount: '0.00', firstDueDate: '2026-11-26' }),
    ).toEqual([]);
  });

  it.each<[string, Partial<TermsInput>]>([
    ['settlementAmount', { settlementAmount: '0.00' }],
    ['settlementAmount', { settlementAmount: '9650.41', waivedAmount: '0.00' }],
    ['waivedAmount', { waivedAmount: '1650.41' }],
    ['installments', { settlementAmount: '0.11', installments: 12, waivedAmount: '0.00' }],
    ['firstDueDate', { firstDueDate: '2026-11-25' }],
    ['firstDueDate', { firstDueDate: '2027-11-27' }],
    ['clauses.1', { clauses: ['ok', '   '] }],
  ])('names %s when it breaks a rule', (field, overrides) => {
    expect(fieldsOf(overrides)).toEqual([field]);
  });

  it('judges "today" in Beijing, not on the server clock', () => {
    const lateEveningUtc = new Date('2026-11-25T20:00:00Z');
    expect(fieldsOf({ firstDueDate: '2026-11-25' }, lateEveningUtc)).toEqual(['firstDueDate']);
    expect(fieldsOf({ firstDueDate: '2026-11-26' }, lateEveningUtc)).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    expect(fieldsOf({ settlementAmount: '0.00', firstDueDate: '2020-01-01' })).toEqual([
      'settlementAmount',
      'firstDueDate',
    ]);
  });
});
