import { TERMINAL_STATUSES } from '../../src/workflow/states';
import type { CaseStatus, ClosureReason } from '../../src/workflow/states';

/**
 * What becomes of a seeded case, as the steps of workflow.md it goes through and when. A case is
 * seeded at some age; it has taken exactly the steps whose time has come, so its status, its
 * version, its deadlines and its timeline (one case_events row per step) agree, and the status
 * mix is what a steady flow of 1,000 filings a day leaves behind: mostly closed cases, a few
 * thousand in each active state.
 */
export type Actor = 'borrower' | 'clerk' | 'lender' | 'mediator' | 'system';

export interface Step {
  action: string;
  from: CaseStatus | null;
  to: CaseStatus;
  actor: Actor;
  /** Hours after filing, stretched by the case's own pace (0.7–1.3). */
  hours: number;
  /** A deadline: this many hours after the acceptance, not stretched. */
  afterAccept?: number;
  closure?: ClosureReason;
}

export interface Path {
  name: string;
  share: number;
  steps: Step[];
}

const FILE: Step = { action: 'file', from: null, to: 'submitted', actor: 'borrower', hours: 0 };
const accept = (h: number): Step => ({
  action: 'accept',
  from: 'submitted',
  to: 'lender_notified',
  actor: 'clerk',
  hours: h,
});
const lenderAccept = (h: number): Step => ({
  action: 'lender_accept',
  from: 'lender_notified',
  to: 'awaiting_session',
  actor: 'lender',
  hours: h,
});
const schedule = (h: number): Step => ({
  action: 'schedule_session',
  from: 'awaiting_session',
  to: 'session_scheduled',
  actor: 'mediator',
  hours: h,
});

const BASE: Path[] = [
  {
    name: 'settled',
    share: 0.5,
    steps: [
      FILE,
      accept(30),
      lenderAccept(100),
      schedule(130),
      {
        action: 'draft_agreement',
        from: 'session_scheduled',
        to: 'awaiting_signatures',
        actor: 'mediator',
        hours: 300,
      },
      {
        action: 'sign_agreement',
        from: 'awaiting_signatures',
        to: 'awaiting_signatures',
        actor: 'borrower',
        hours: 320,
      },
      {
        action: 'sign_agreement',
        from: 'awaiting_signatures',
        to: 'settled',
        actor: 'lender',
        hours: 345,
      },
    ],
  },
  {
    name: 'no_agreement',
    share: 0.1,
    steps: [
      FILE,
      accept(30),
      lenderAccept(100),
      schedule(130),
      {
        action: 'close_unsuccessful',
        from: 'session_scheduled',
        to: 'unsuccessful',
        actor: 'mediator',
        hours: 300,
        closure: 'no_agreement',
      },
    ],
  },
  {
    name: 'term_expired',
    share: 0.04,
    steps: [
      FILE,
      accept(30),
      lenderAccept(110),
      {
        action: 'expire_term',
        from: 'awaiting_session',
        to: 'unsuccessful',
        actor: 'system',
        hours: 30,
        afterAccept: 720,
        closure: 'term_expired',
      },
    ],
  },
  {
    name: 'lender_declined',
    share: 0.1,
    steps: [
      FILE,
      accept(30),
      {
        action: 'lender_decline',
        from: 'lender_notified',
        to: 'unsuccessful',
        actor: 'lender',
        hours: 96,
        closure: 'lender_declined',
      },
    ],
  },
  {
    name: 'lender_no_response',
    share: 0.08,
    steps: [
      FILE,
      accept(30),
      {
        action: 'expire_lender_response',
        from: 'lender_notified',
        to: 'unsuccessful',
        actor: 'system',
        hours: 30,
        afterAccept: 168,
        closure: 'lender_no_response',
      },
    ],
  },
  {
    name: 'rejected',
    share: 0.1,
    steps: [
      FILE,
      { action: 'reject', from: 'submitted', to: 'rejected', actor: 'clerk', hours: 26 },
    ],
  },
  {
    name: 'withdrawn',
    share: 0.08,
    steps: [
      FILE,
      { action: 'withdraw', from: 'submitted', to: 'withdrawn', actor: 'borrower', hours: 50 },
    ],
  },
];

/** One case in ten is sent back for corrections once (two more steps, everything later 48 h later). */
const CORRECTIONS_SHARE = 0.1;

function withCorrections(p: Path): Path {
  const [file, ...rest] = p.steps;
  const later = (s: Step): Step => ({ ...s, hours: s.hours + 48 });
  return {
    name: `${p.name}+corrections`,
    share: p.share * CORRECTIONS_SHARE,
    steps: [
      file,
      { action: 'request_info', from: 'submitted', to: 'needs_info', actor: 'clerk', hours: 20 },
      { action: 'resubmit', from: 'needs_info', to: 'submitted', actor: 'borrower', hours: 44 },
      ...rest.map(later),
    ],
  };
}

export const PATHS: Path[] = BASE.flatMap((p) => [
  { ...p, share: p.share * (1 - CORRECTIONS_SHARE) },
  withCorrections(p),
]);

const lit = (v: string | number | null | undefined) =>
  v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`;
const array = (values: (string | number | null | undefined)[], type: string) =>
  `(ARRAY[${values.map(lit).join(',')}]::${type}[])`;

/** The steps as rows (path, step, action, …) for a temporary table. */
export function stepRowsSql(): string {
  return PATHS.flatMap((p, pi) =>
    p.steps.map(
      (s, si) =>
        `(${pi + 1}, ${si + 1}, ${lit(s.action)}, ${lit(s.from)}, ${lit(s.to)}, ${lit(s.actor)}, ${s.hours}, ${lit(s.afterAccept ?? 0)}, ${lit(s.closure)})`,
    ),
  ).join(',\n');
}

/** `CASE WHEN u < 0.45 THEN 1 … END`: the path of a case, by its uniform number `u`. */
export function pathChoiceSql(u: string): string {
  let cumulative = 0;
  const whens = PATHS.slice(0, -1).map((p, i) => {
    cumulative += p.share;
    return `WHEN ${u} < ${cumulative.toFixed(6)} THEN ${i + 1}`;
  });
  return `CASE ${whens.join(' ')} ELSE ${PATHS.length} END`;
}

/**
 * How far along its path a case is, as plain expressions over the case's columns `path`,
 * `pace` and `age_h` (hours since filing): no per-case subquery, so a million cases take
 * seconds. `flat` is the index of the last step taken in the steps of all paths laid end to end.
 */
export function progressSql(): {
  lastStep: string;
  status: (flat: string) => string;
  closure: (flat: string) => string;
  hoursAt: (flat: string) => string;
  signs: (flat: string) => string;
  flatOf: (lastStep: string) => string;
  acceptHours: string;
  acceptStep: string;
  lenderAcceptStep: string;
  /** The step at which the lender answered (lender_accept or lender_decline), 0 for none. */
  answerStep: string;
  /** Whether the status of a flat step ends the case. */
  terminal: (flat: string) => string;
} {
  const steps = PATHS.flatMap((p) => p.steps);
  const bases: number[] = [];
  PATHS.reduce((offset, p) => (bases.push(offset), offset + p.steps.length), 0);
  const hoursOf = (st: Step) => `${st.hours} * pace + ${st.afterAccept ?? 0}`;
  const lastStep = `CASE path ${PATHS.map(
    (p, pi) =>
      `WHEN ${pi + 1} THEN CASE ${p.steps
        .map((st, si) => ({ st, si }))
        .reverse()
        .slice(0, -1)
        .map(({ st, si }) => `WHEN age_h >= ${hoursOf(st)} THEN ${si + 1}`)
        .join(' ')} ELSE 1 END`,
  ).join(' ')} END`;
  let signed = 0;
  const signsUpTo = PATHS.flatMap((p) => {
    signed = 0;
    return p.steps.map((st) => (st.action === 'sign_agreement' ? ++signed : signed));
  });
  const stepOf = (...actions: string[]) =>
    PATHS.map((p) => p.steps.findIndex((st) => actions.includes(st.action)) + 1);
  const acceptStep = array(stepOf('accept'), 'int');
  return {
    lastStep,
    status: (flat) =>
      `${array(
        steps.map((st) => st.to),
        'text',
      )}[${flat}]`,
    closure: (flat) =>
      `${array(
        steps.map((st) => st.closure),
        'text',
      )}[${flat}]`,
    hoursAt: (flat) =>
      `(${array(
        steps.map((st) => st.hours),
        'float8',
      )}[${flat}] * pace + ${array(
        steps.map((st) => st.afterAccept ?? 0),
        'float8',
      )}[${flat}])`,
    signs: (flat) => `${array(signsUpTo, 'int')}[${flat}]`,
    flatOf: (step) => `(${array(bases, 'int')}[path] + ${step})`,
    acceptStep: `${acceptStep}[path]`,
    acceptHours: `${array(
      steps.map((st) => st.hours),
      'float8',
    )}[${array(bases, 'int')}[path] + greatest(${acceptStep}[path], 1)] * pace`,
    lenderAcceptStep: `${array(stepOf('lender_accept'), 'int')}[path]`,
    answerStep: `${array(stepOf('lender_accept', 'lender_decline'), 'int')}[path]`,
    terminal: (flat) =>
      `${array(
        steps.map((st) => String(TERMINAL_STATUSES.includes(st.to as CaseStatus))),
        'boolean',
      )}[${flat}]`,
  };
}
