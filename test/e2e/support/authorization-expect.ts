import { CALLERS, KIND } from './authorization-world';
import type { Caller, Kind, Objects } from './authorization-world';

/** The answer each caller gets from one route. */
export type Answers = Record<Caller, number>;

export interface RouteEntry {
  /** The concrete path (under /api/v1) for this caller. */
  path: (o: Objects, c: Caller) => string;
  body?: (o: Objects, c: Caller) => object;
  /** A multipart route: the file is attached for every caller. */
  file?: true;
  expect: Answers;
  /**
   * Callers whose refusal follows from an earlier call of the table that got through (the
   * same lender answering twice): they run with those, in order, not with the refusals.
   */
  sequel?: Caller[];
}

/** The callers who may see world 1's case A (workflow.md "Who sees a case"). */
export const CASE_PARTIES: Caller[] = [
  'borrowerOwn',
  'clerkOwn',
  'mediatorAssigned',
  'lenderOwn',
  'keyOwn',
  'admin',
];
/** Those who see world 1's lender organisation (its webhooks). */
export const LENDER_ORG: Caller[] = ['lenderOwn', 'keyOwn', 'admin'];
export const EVERYONE: Caller[] = CALLERS.filter((c) => c !== 'anonymous');
export const PEOPLE: Kind[] = ['borrower', 'clerk', 'mediator', 'lender', 'admin'];
export const ALL_KINDS: Kind[] = [...PEOPLE, 'key'];

const answers = (f: (c: Caller) => number): Answers =>
  Object.fromEntries(CALLERS.map((c) => [c, f(c)])) as Answers;

/** A public route: everyone, signed in or not, gets the same answer. */
export const open = (status: number): Answers => answers(() => status);

/**
 * A route behind the guard: 401 without credentials, 403 for a kind of caller the route is
 * not for, 404 for one who may use it but may not see the object, else `ok` (a status, or
 * per caller).
 */
export function gate(
  kinds: Kind[],
  related: Caller[],
  ok: number | Partial<Record<Caller, number>>,
): Answers {
  return answers((c) => {
    if (c === 'anonymous') return 401;
    if (!kinds.includes(KIND[c])) return 403;
    if (!related.includes(c)) return 404;
    return typeof ok === 'number' ? ok : (ok[c] ?? 200);
  });
}

/**
 * A workflow action on the settled case A: any caller passes the guard; one who may not see
 * the case gets 404 before anything else, one whose role never takes the action 403, and one
 * who does gets 409 (nothing can happen to a settled case).
 */
export function action(actors: ('borrower' | 'clerk' | 'mediator' | 'lender')[]): Answers {
  return answers((c) => {
    if (c === 'anonymous') return 401;
    if (!CASE_PARTIES.includes(c)) return 404;
    const kind = KIND[c] === 'key' ? 'lender' : KIND[c];
    return (actors as string[]).includes(kind) ? 409 : 403;
  });
}

/** Who takes each action over HTTP, as workflow.md's table says. */
export const ACTORS: Record<string, ('borrower' | 'clerk' | 'mediator' | 'lender')[]> = {
  request_info: ['clerk'],
  resubmit: ['borrower'],
  reject: ['clerk'],
  accept: ['clerk'],
  lender_accept: ['lender'],
  lender_decline: ['lender'],
  schedule_session: ['mediator'],
  reschedule_session: ['mediator'],
  cancel_session: ['mediator'],
  adjourn: ['mediator'],
  close_unsuccessful: ['mediator'],
  draft_agreement: ['mediator'],
  revise_agreement: ['mediator'],
  sign_agreement: ['borrower', 'lender'],
  confirm_agreement: ['mediator'],
  withdraw: ['borrower'],
  propose_extension: ['mediator'],
  agree_extension: ['borrower', 'lender'],
};
