import { TRANSITIONS } from '../workflow/transitions';
import { MAIL_RECIPIENTS_BY_ACTION } from './mail-templates';

// Apart from the mail templates so that a workflow table in mid-edit fails this check alone.
describe('mail kinds against the workflow table', () => {
  it('has a mail for every recipient each transition notifies, and no other', () => {
    const fromTable = Object.fromEntries(
      TRANSITIONS.map((t) => [
        t.action,
        t.notify.map((r) => (r === 'clerks' ? 'clerk' : r)).sort(),
      ]),
    );
    // Jobs, plan events and the filing receipt, not transitions.
    const {
      session_reminder: _reminderIsAJobNotATransition,
      file: _filingIsNotATransition,
      judicial_confirmation_reminder: _soIsTheJudicialDeadlines,
      plan_reminder: _planReminder,
      installment_late: _installmentLate,
      plan_completed: _planCompleted,
      acceleration_invoked: _accelerationInvoked,
      installment_waived: _waived,
      payment_reported: _reportsArePlanEventsNotTransitions,
      payment_report_confirmed: _confirmed,
      payment_report_disputed: _disputed,
      ...fromMail
    } = MAIL_RECIPIENTS_BY_ACTION;
    expect(
      Object.fromEntries(Object.entries(fromMail).map(([a, r]) => [a, [...r].sort()])),
    ).toEqual(fromTable);
  });
});
