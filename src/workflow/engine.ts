import { AppError } from '../common/errors/app-error';
import type { Role } from '../common/roles';
import { CaseStatus } from './states';
import { Actor, CaseFacts, Transition, TRANSITIONS, transitionFor } from './transitions';
import type { TransitionRow } from './transitions';

/** The actions `actor` may take on a case in this state now (the case's `allowedActions`). */
export function allowedActions(actor: Role | 'system', facts: CaseFacts): string[] {
  return TRANSITIONS.filter((t) => allows(t, actor, facts)).map((t) => t.action);
}

function allows(t: Transition, actor: Role | 'system', facts: CaseFacts): boolean {
  return (
    (t.actor as readonly string[]).includes(actor) &&
    t.from.includes(facts.status) &&
    (!t.guard || t.guard.test(facts, actor))
  );
}

/**
 * Decides whether `actor` may take `action` on a case, without touching
 * anything: the transition to run, or the error to answer (404 unknown action,
 * 403 never for this role, 409 not now).
 */
export function decide(actor: Role | 'system', facts: CaseFacts, action: string): TransitionRow {
  const row = transitionFor(action);
  // The table's rows as the general shape: their literal types are for the effect handlers.
  const t: Transition | undefined = row;
  if (!row || !t || (actor !== 'system' && t.actor.includes('system'))) {
    throw new AppError('NOT_FOUND', `there is no action "${action}"`);
  }
  if (!t.actor.includes(actor as Actor)) {
    throw new AppError('ACTION_NOT_PERMITTED', `a ${actor} may not take the action "${action}"`);
  }
  const allowed = allowedActions(actor, facts);
  if (!t.from.includes(facts.status)) {
    throw new AppError(
      'INVALID_TRANSITION',
      `"${action}" is not allowed while the case is ${facts.status}`,
      { currentStatus: facts.status, allowedActions: allowed },
    );
  }
  if (t.guard && !t.guard.test(facts, actor)) {
    throw new AppError('INVALID_TRANSITION', t.guard.message, {
      currentStatus: facts.status,
      allowedActions: allowed,
    });
  }
  return row;
}

/** The state a transition leads to. */
export function targetOf(t: Transition, from: CaseStatus): CaseStatus {
  return t.to === 'same' ? from : t.to;
}
