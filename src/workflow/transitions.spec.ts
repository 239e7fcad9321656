import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../common/errors/app-error';
import { renderWorkflowDoc } from './diagram';
import { allowedActions, decide, targetOf } from './engine';
import { CASE_STATUSES, CaseStatus } from './states';
import { TRANSITIONS } from './transitions';
import type { CaseFacts } from './transitions';

const ROLES = ['borrower', 'clerk', 'mediator', 'lender', 'admin', 'system'] as const;
const FROM_NOTIFIED = [
  'lender_notified',
  'awaiting_session',
  'session_scheduled',
  'awaiting_signatures',
];
const NON_TERMINAL = ['submitted', 'needs_info', ...FROM_NOTIFIED];

/** workflow.md's "Actions" table, transcribed by hand: the engine's table must say the same. */
const SPEC: Record<string, { actor: string[]; from: string[]; to: string; closure?: string }> = {
  request_info: { actor: ['clerk'], from: ['submitted'], to: 'needs_info' },
  resubmit: { actor: ['borrower'], from: ['needs_info'], to: 'submitted' },
  reject: { actor: ['clerk'], from: ['submitted'], to: 'rejected' },
  accept: { actor: ['clerk'], from: ['submitted'], to: 'lender_notified' },
  lender_accept: { actor: ['lender'], from: ['lender_notified'], to: 'awaiting_session' },
  lender_decline: {
    actor: ['lender'],
    from: ['lender_notified'],
    to: 'unsuccessful',
    closure: 'lender_declined',
  },
  schedule_session: { actor: ['mediator'], from: ['awaiting_session'], to: 'session_scheduled' },
  reschedule_session: { actor: ['mediator'], from: ['session_scheduled'], to: 'session_scheduled' },
  cancel_session: { actor: ['mediator'], from: ['session_scheduled'], to: 'awaiting_session' },
  adjourn: { actor: ['mediator'], from: ['session_scheduled'], to: 'awaiting_session' },
  close_unsuccessful: {
    actor: ['mediator'],
    from: ['awaiting_session', 'session_scheduled'],
    to: 'unsuccessful',
    closure: 'no_agreement',
  },
  draft_agreement: { actor: ['mediator'], from: ['session_scheduled'], to: 'awaiting_signatures' },
  revise_agreement: {
    actor: ['mediator'],
    from: ['awaiting_signatures'],
    to: 'awaiting_signatures',
  },
  sign_agreement: {
    actor: ['borrower', 'lender'],
    from: ['awaiting_signatures'],
    to: 'awaiting_signatures',
  },
  confirm_agreement: { actor: ['mediator'], from: ['awaiting_signatures'], to: 'settled' },
  withdraw: { actor: ['borrower'], from: NON_TERMINAL, to: 'withdrawn' },
  propose_extension: { actor: ['mediator'], from: FROM_NOTIFIED, to: 'same' },
  agree_extension: { actor: ['borrower', 'lender'], from: FROM_NOTIFIED, to: 'same' },
  record_lender_service: { actor: ['system'], from: ['lender_notified'], to: 'same' },
  record_borrower_service: { actor: ['system'], from: FROM_NOTIFIED, to: 'same' },
  flag_provisional_deadline: { actor: ['system'], from: FROM_NOTIFIED, to: 'same' },
  expire_lender_response: {
    actor: ['system'],
    from: ['lender_notified'],
    to: 'unsuccessful',
    closure: 'lender_no_response',
  },
  expire_term: {
    actor: ['system'],
    from: FROM_NOTIFIED,
    to: 'unsuccessful',
    closure: 'term_expired',
  },
};

/** A case whose term runs and has an open extension proposal nobody agreed to yet. */
const facts = (status: CaseStatus, more: Partial<CaseFacts> = {}): CaseFacts => ({
  status,
  mediationDueAt: new Date('2027-01-05T16:00:00Z'),
  extensionProposal: { agreedBy: [] },
  ...more,
});

/** The facts under which an action's guard passes (confirming needs both signatures). */
const factsFor = (action: string, status: CaseStatus, more: Partial<CaseFacts> = {}) =>
  facts(status, {
    signedParties: action === 'confirm_agreement' ? ['borrower', 'lender'] : [],
    ...more,
  });

function answer(role: string, status: CaseStatus, action: string, more?: Partial<CaseFacts>) {
  try {
    decide(role as never, factsFor(action, status, more), action);
    return 'ok';
  } catch (e) {
    return (e as AppError).code;
  }
}

describe('the transition table', () => {
  it('says what workflow.md says, action by action', () => {
    expect(TRANSITIONS.map((t) => t.action).sort()).toEqual(Object.keys(SPEC).sort());
    for (const t of TRANSITIONS) {
      const spec = SPEC[t.action];
      expect({ action: t.action, actor: [...t.actor], from: [...t.from].sort() }).toEqual({
        action: t.action,
        actor: spec.actor,
        from: [...spec.from].sort(),
      });
      const to = t.to === 'same' && spec.to !== 'same' ? t.from[0] : t.to;
      expect({ action: t.action, to }).toEqual({ action: t.action, to: spec.to });
      expect({
        action: t.action,
        closure: 'closureReason' in t ? t.closureReason : undefined,
      }).toEqual({
        action: t.action,
        closure: spec.closure,
      });
    }
  });

  // Every action × role × state, enumerated from the table itself.
  const cases = TRANSITIONS.flatMap((t) =>
    ROLES.flatMap((role) => CASE_STATUSES.map((status) => [t.action, role, status] as const)),
  );
  it.each(cases)('%s by %s in %s answers as workflow.md says', (action, role, status) => {
    const spec = SPEC[action];
    const got = answer(role, status, action);
    if (!spec.actor.includes(role)) {
      // Nobody may call a system action; anyone else is refused for their role.
      expect(got).toBe(
        spec.actor.includes('system') && role !== 'system' ? 'NOT_FOUND' : 'ACTION_NOT_PERMITTED',
      );
    } else if (!spec.from.includes(status)) {
      expect(got).toBe('INVALID_TRANSITION');
    } else {
      expect(got).toBe('ok');
      expect(allowedActions(role, factsFor(action, status))).toContain(action);
    }
  });

  it('proposes an extension only once the mediation term runs', () => {
    const notServed = { mediationDueAt: null };
    expect(answer('mediator', 'awaiting_session', 'propose_extension', notServed)).toBe(
      'INVALID_TRANSITION',
    );
    expect(allowedActions('mediator', facts('awaiting_session', notServed))).not.toContain(
      'propose_extension',
    );
  });

  it('asks each party for its consent to an open proposal once', () => {
    const none = { extensionProposal: null };
    expect(answer('borrower', 'awaiting_session', 'agree_extension', none)).toBe(
      'INVALID_TRANSITION',
    );
    const borrowerAgreed = { extensionProposal: { agreedBy: ['borrower'] } };
    expect(answer('borrower', 'awaiting_session', 'agree_extension', borrowerAgreed)).toBe(
      'INVALID_TRANSITION',
    );
    expect(answer('lender', 'awaiting_session', 'agree_extension', borrowerAgreed)).toBe('ok');
    expect(allowedActions('borrower', facts('awaiting_session', borrowerAgreed))).not.toContain(
      'agree_extension',
    );
  });

  it('lets each party sign the current version once', () => {
    const signed = facts('awaiting_signatures', { signedParties: ['borrower'] });
    expect(allowedActions('borrower', signed)).not.toContain('sign_agreement');
    expect(allowedActions('lender', signed)).toContain('sign_agreement');
    expect(() => decide('borrower', signed, 'sign_agreement')).toThrow(/already signed/);
  });

  it('lets terminal states offer nothing to anyone', () => {
    for (const status of ['settled', 'rejected', 'withdrawn', 'unsuccessful'] as const) {
      for (const role of ROLES) expect(allowedActions(role, facts(status))).toEqual([]);
    }
  });

  it('settles only on the mediator’s confirmation, once both parties signed', () => {
    const sign = TRANSITIONS.find((t) => t.action === 'sign_agreement')!;
    expect(targetOf(sign, 'awaiting_signatures')).toBe('awaiting_signatures');
    const oneSigned = { status: 'awaiting_signatures' as const };
    expect(allowedActions('mediator', { ...oneSigned, signedParties: ['borrower'] })).not.toContain(
      'confirm_agreement',
    );
    expect(() =>
      decide('mediator', { ...oneSigned, signedParties: ['lender'] }, 'confirm_agreement'),
    ).toThrow(/both parties must sign/);
    expect(
      allowedActions('mediator', { ...oneSigned, signedParties: ['lender', 'borrower'] }),
    ).toContain('confirm_agreement');
  });

  it('names the current state and the allowed actions in a 409', () => {
    try {
      decide('clerk', facts('needs_info'), 'accept');
      throw new Error('should have refused');
    } catch (e) {
      expect((e as AppError).details).toEqual({ currentStatus: 'needs_info', allowedActions: [] });
    }
  });

  it('is drawn in docs/workflow.md exactly as it is (npm run docs:workflow)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'workflow.md'), 'utf8');
    expect(doc).toBe(renderWorkflowDoc(doc));
  });
});
