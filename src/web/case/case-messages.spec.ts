import { LOCALES, OVERDUE_REASONS } from '../../cases/case.entity';
import { SESSION_MODES, SESSION_STATUSES } from '../../sessions/session.entity';
import { CASE_STATUSES, CLOSURE_REASONS } from '../../workflow/states';
import { TRANSITIONS } from '../../workflow/transitions';
import { APPLY_STEPS } from '../apply/apply-steps';
import { hasMessage } from '../page-messages';
import { nextOf } from './case-view';
import type { StepState } from './case-view';

const STEP_STATES: StepState[] = ['done', 'current', 'ended', 'todo'];

/** The keys the borrower's pages look up with a value (`{{t "timeline" key}}` and the like). */
function dynamicKeys(): string[] {
  const nextKeys = [...CASE_STATUSES, ...CLOSURE_REASONS.map((r) => `unsuccessful_${r}`)];
  const actions = TRANSITIONS.map((t) => t.action).filter((a) => a !== 'sign_agreement');
  const withDeadline = CASE_STATUSES.filter(
    (status) =>
      nextOf({
        status,
        closureReason: null,
        lenderResponseDueAt: 'x',
        mediationDueAt: 'x',
      } as Parameters<typeof nextOf>[0]).at !== null,
  );
  return [
    ...['borrower', 'other'].flatMap((who) => nextKeys.map((k) => `caseNext.${who}.${k}`)),
    ...['file', ...actions, 'sign_agreement_borrower', 'sign_agreement_lender', 'unknown'].map(
      (a) => `timeline.${a}`,
    ),
    ...[...APPLY_STEPS, 'evidence'].map((s) => `apply.steps.${s}`),
    ...STEP_STATES.filter((s) => s !== 'ended').map((s) => `apply.stepState.${s}`),
    ...STEP_STATES.map((s) => `case.stepState.${s}`),
    ...OVERDUE_REASONS.map((r) => `apply.reasons.${r}`),
    ...SESSION_MODES.flatMap((m) => [`apply.mode.${m}`, `case.session.mode.${m}`]),
    ...SESSION_STATUSES.map((s) => `case.session.status.${s}`),
    ...withDeadline.map((s) => `cases.deadline.${s}`),
    ...['case.title', 'agreement.title', 'apply.receipt.title'],
    'flash.filed',
    'flash.evidenceAdded',
    'flash.read',
    'flash.action.done',
  ];
}

describe('the borrower pages’ texts', () => {
  it.each(LOCALES)('name every state, step, action, reason and deadline in %s', (locale) => {
    const keys = dynamicKeys();
    expect(keys.length).toBeGreaterThan(60);
    expect(keys.filter((k) => !hasMessage(locale, k))).toEqual([]);
  });
});
