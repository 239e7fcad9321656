import type { CaseEventResponse, CaseResponse } from '../../cases/case-response.dto';
import { currentStep, nextOf, proposalsOf, splitEvenly, stepper, timelineOf } from './case-view';

const event = (action: string, from: string | null, to: string, input = {}): CaseEventResponse => ({
  id: action,
  action,
  from,
  to,
  actor: { role: 'clerk', userId: null, apiKeyId: null, organizationId: null },
  input,
  at: '2026-12-01T02:00:00.000Z',
});

const aCase = (overrides: Partial<CaseResponse>) =>
  ({
    status: 'submitted',
    closureReason: null,
    lenderResponseDueAt: '2026-12-10T16:00:00.000Z',
    mediationDueAt: '2027-01-20T16:00:00.000Z',
    loan: { outstandingAmount: '9650.40' },
    proposal: { installments: 12, requestWaiver: true, note: null },
    counterProposal: null,
    ...overrides,
  }) as CaseResponse;

describe('the case page’s view of a case', () => {
  it('marks the step of the state, the earlier ones done, and a settled case done throughout', () => {
    expect(stepper('session_scheduled', []).map((s) => s.state)).toEqual([
      'done',
      'done',
      'done',
      'current',
      'todo',
    ]);
    expect(stepper('settled', []).every((s) => s.state === 'done')).toBe(true);
    expect(stepper('rejected', [])[1].state).toBe('ended');
  });

  it('ends a withdrawn or unsuccessful case at the step it left', () => {
    const events = [
      event('file', null, 'submitted'),
      event('accept', 'submitted', 'lender_notified'),
      event('lender_decline', 'lender_notified', 'unsuccessful'),
    ];
    expect(currentStep('unsuccessful', events)).toBe(3);
    expect(stepper('unsuccessful', events)[2].state).toBe('ended');
    expect(currentStep('withdrawn', [event('withdraw', 'awaiting_signatures', 'withdrawn')])).toBe(
      5,
    );
  });

  it('names the deadline that runs now, and none once it is over', () => {
    expect(nextOf(aCase({ status: 'lender_notified' })).at).toBe('2026-12-10T16:00:00.000Z');
    expect(nextOf(aCase({ status: 'awaiting_signatures' })).at).toBe('2027-01-20T16:00:00.000Z');
    expect(nextOf(aCase({ status: 'submitted' })).at).toBeNull();
    expect(nextOf(aCase({ status: 'unsuccessful', closureReason: 'lender_declined' }))).toEqual({
      key: 'unsuccessful_lender_declined',
      at: null,
      words: null,
      waiting: false,
    });
  });

  it('says how the running deadline is counted, or that its notice is not yet delivered', () => {
    const words = {
      'zh-CN': '7 个工作日，自 12月2日送达次日起算，12月11日24:00届满。',
      en: '7 working days',
    };
    const due = (status: 'started' | 'notice_not_delivered') =>
      ({ status, description: words }) as CaseResponse['lenderResponseDue'];
    const started = nextOf(aCase({ status: 'lender_notified', lenderResponseDue: due('started') }));
    expect(started).toMatchObject({ words, waiting: false });
    const waiting = nextOf(
      aCase({ status: 'lender_notified', lenderResponseDue: due('notice_not_delivered') }),
    );
    expect(waiting).toMatchObject({ words: null, waiting: true });
    // The term's words are not the lender's: each state shows its own deadline.
    expect(
      nextOf(aCase({ status: 'awaiting_session', lenderResponseDue: due('started') })),
    ).toMatchObject({
      words: null,
      waiting: false,
    });
  });

  it('splits in fen with the remainder on the last installment, adding up exactly', () => {
    expect(splitEvenly(800000, 6)).toEqual({ each: 133333, last: 133335 });
    expect(splitEvenly(965040, 12)).toEqual({ each: 80420, last: 80420 });
    for (const [total, n] of [
      [1, 1],
      [100001, 7],
      [999999, 60],
    ]) {
      const { each, last } = splitEvenly(total, n);
      expect(each * (n - 1) + last).toBe(total);
    }
  });

  it('puts both proposals in the same terms', () => {
    const { own, lender } = proposalsOf(
      aCase({
        counterProposal: {
          settlementAmount: '8000.00',
          installments: 6,
          waivedAmount: '1650.40',
          note: '可减免罚息',
        },
      }),
    );
    expect(own).toMatchObject({ installments: 12, each: '804.20', total: '9650.40' });
    expect(lender).toMatchObject({ installments: 6, each: '1333.33', last: '1333.35' });
    expect(proposalsOf(aCase({})).lender).toBeNull();
  });

  it('tells the timeline newest first, with each party’s own words and who signed', () => {
    const entries = timelineOf([
      event('request_info', 'submitted', 'needs_info', { message: ' 请补充收入证明 ' }),
      event('sign_agreement', 'awaiting_signatures', 'awaiting_signatures', {
        party: 'lender',
        agreementVersion: 2,
      }),
    ]);
    expect(entries[0]).toMatchObject({ key: 'sign_agreement_lender', version: 2, words: null });
    expect(entries[1]).toMatchObject({ key: 'request_info', words: '请补充收入证明' });
  });
});
