import { AppError } from '../common/errors/app-error';
import { termsFromInput, TermsInput } from './agreement-terms';

// 2026-11-26 06:00 UTC is 14:00 in Beijing; 2026-11-25 20:00 UTC is already the 26th there.
const NOW = new Date('2026-11-26T06:00:00Z');
/** The lender's confirmed total: 8000.00 principal and 1650.40 of interest, penalties, fees. */
const CONFIRMED = 965040;
const ACCOUNT = {
  accountName: '某某消费金融有限公司',
  bankName: '工商银行',
  accountNumber: '1001 2345',
};

const input = (overrides: Partial<TermsInput> = {}): TermsInput => ({
  settlementAmount: '8000.00',
  installments: 12,
  firstDueDate: '2026-12-15',
  waivedAmount: '1650.40',
  clauses: [' 提前还款不收费。 '],
  payment: ACCOUNT,
  ...overrides,
});

function fieldsOf(overrides: Partial<TermsInput>, now = NOW): string[] {
  try {
    termsFromInput(input(overrides), CONFIRMED, now);
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
      return (e.details.errors as { field: string }[]).map((f) => f.field);
    }
    throw e;
  }
  return [];
}

describe('termsFromInput', () => {
  it('turns valid terms into fen, with clauses trimmed and the payee account', () => {
    expect(termsFromInput(input(), CONFIRMED, NOW)).toEqual({
      settlementFen: 800000,
      waivedFen: 165040,
      installments: 12,
      firstDueDate: '2026-12-15',
      clauses: ['提前还款不收费。'],
      payment: { kind: 'account', ...ACCOUNT },
    });
  });

  it('allows settling for the whole confirmed total, due today, through a channel', () => {
    expect(
      fieldsOf({
        settlementAmount: '9650.40',
        waivedAmount: '0.00',
        firstDueDate: '2026-11-26',
        payment: { channel: '好分期 App' },
      }),
    ).toEqual([]);
  });

  it('names both amounts when settlement plus waiver is not the confirmed total', () => {
    expect(fieldsOf({ waivedAmount: '1650.39' })).toEqual(['settlementAmount', 'waivedAmount']);
    try {
      termsFromInput(input({ settlementAmount: '9650.41', waivedAmount: '0.00' }), CONFIRMED, NOW);
    } catch (e) {
      expect((e as AppError).message).toContain(
        'must equal 9650.40, the total the lender confirmed',
      );
    }
  });

  it.each<[string[], Partial<TermsInput>]>([
    [['settlementAmount'], { settlementAmount: '0.00', waivedAmount: '9650.40' }],
    [['installments'], { settlementAmount: '0.11', installments: 12, waivedAmount: '9650.29' }],
    [['firstDueDate'], { firstDueDate: '2026-11-25' }],
    [['firstDueDate'], { firstDueDate: '2027-11-27' }],
    [['clauses.1'], { clauses: ['ok', '   '] }],
    [['payment.channel'], { payment: {} }],
    [['payment.bankName'], { payment: { ...ACCOUNT, bankName: undefined } }],
    [['payment.channel'], { payment: { ...ACCOUNT, channel: '好分期 App' } }],
  ])('names %s when it breaks a rule', (fields, overrides) => {
    expect(fieldsOf(overrides)).toEqual(fields);
  });

  it('judges "today" in Beijing, not on the server clock', () => {
    const lateEveningUtc = new Date('2026-11-25T20:00:00Z');
    expect(fieldsOf({ firstDueDate: '2026-11-25' }, lateEveningUtc)).toEqual(['firstDueDate']);
    expect(fieldsOf({ firstDueDate: '2026-11-26' }, lateEveningUtc)).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    expect(fieldsOf({ settlementAmount: '0.00', firstDueDate: '2020-01-01', payment: {} })).toEqual(
      ['settlementAmount', 'firstDueDate', 'payment.channel'],
    );
  });
});
