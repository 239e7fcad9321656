import { getSchemaPath } from '@nestjs/swagger';
import type {
  OpenAPIObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger';
import type { ErrorCode } from '../common/errors/app-error';
import { DOC_EXTENSIONS } from '../common/openapi/api-docs';
import type { EffectName } from '../workflow/effects';
import { TRANSITIONS } from '../workflow/transitions';
import type { ActionName, Transition, TransitionRow } from '../workflow/transitions';
import type { DocOperation } from './openapi-types';

/** The workflow's one route, as Nest documents it (src/cases/case-actions.controller.ts). */
export const GENERIC_ACTION_PATH = '/api/v1/cases/{id}/actions/{action}';
export const actionPath = (action: string) => `/api/v1/cases/{id}/actions/${action}`;
export const ACTIONS_TAG = 'actions';

/** The rows a caller may take over HTTP (the `system` ones the deadline sweeper takes). */
export const httpActions = (): TransitionRow[] =>
  TRANSITIONS.filter((t) => !(t.actor as readonly string[]).includes('system'));

/** A line for the operation list; a row without one gets a plain one from the table. */
const SUMMARIES: Partial<Record<ActionName, string>> = {
  request_info: 'Ask the borrower to add or correct information',
  resubmit: 'Send the corrected application back to review',
  reject: 'Reject the application',
  accept: 'Accept the application, assign the mediator and notify the lender',
  lender_accept: 'Agree to mediate, with the debt you confirm and optionally a counter-proposal',
  lender_decline: 'Refuse to mediate, with a reason',
  schedule_session: 'Book the mediation session',
  reschedule_session: 'Move the booked session',
  cancel_session: 'Call the booked session off',
  adjourn: 'Record the session’s minutes and adjourn to another session',
  close_unsuccessful: 'End the mediation without agreement',
  draft_agreement: 'Draft the settlement agreement after the session',
  revise_agreement: 'Revise the agreement (voids the signatures of the old version)',
  sign_agreement: 'Sign the current agreement version',
  confirm_agreement: 'Confirm and seal the agreement both parties signed: it is in force',
  withdraw: 'Withdraw the application',
  propose_extension: 'Propose to extend the mediation term (both parties must agree)',
  agree_extension: 'Agree to the open proposal to extend the mediation term',
};

/** Codes an effect can answer with, beyond those of every action. */
const EFFECT_ERRORS: Partial<Record<EffectName, Partial<Record<ErrorCode, string>>>> = {
  'session:create': { SESSION_CONFLICT: '' },
  'session:move': { SESSION_CONFLICT: '' },
  'session:held': {
    INVALID_TRANSITION:
      'not allowed in the case’s state now, or (draft_agreement) the session has not started yet',
  },
  'agreement:draft': {
    CONFLICT:
      'the agreement lacks a detail an admin sets (the lender’s credit code or registered address, the centre’s court) or the lender’s debt statement',
  },
  'agreement:sign': {
    AGREEMENT_MISMATCH: '',
    CONFLICT: 'you have already signed this version',
    ACTION_NOT_PERMITTED:
      'your role may never take this action, or your API key names no signing agent',
  },
  'agreement:confirm': { AGREEMENT_MISMATCH: '' },
  'deadline:agree_extension': {
    CONFLICT: 'the proposal named is not the open one (the mediator replaced it)',
  },
  'deadline:propose_extension': {
    CONFLICT: 'the mediation term has no derivation to extend',
  },
};

/** Every action answers these (the case, the table, `If-Match`, `Idempotency-Key`). */
const ACTION_ERRORS: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED:
    'the body is not this action’s input (a field missing, wrong or unknown), or `If-Match` is not a version',
  ACTION_NOT_PERMITTED: '',
  CASE_NOT_FOUND: '',
  INVALID_TRANSITION: '',
  PRECONDITION_FAILED: '',
  IDEMPOTENCY_KEY_REUSED: '',
};

function errorsOf(t: TransitionRow): Partial<Record<ErrorCode, string>> {
  const codes = { ...ACTION_ERRORS };
  for (const e of t.effects) Object.assign(codes, EFFECT_ERRORS[e] ?? {});
  if ('guard' in t) {
    codes.INVALID_TRANSITION = `${codes.INVALID_TRANSITION || 'not allowed in the case’s state now'}, or ${t.guard.message}`;
  }
  return codes;
}

function describe(t: TransitionRow): string {
  const row: Transition = t;
  const to = row.to === 'same' ? 'the same state' : `\`${row.to}\``;
  const lines = [
    `From ${row.from.map((s) => `\`${s}\``).join(', ')} to ${to}` +
      (row.partialTo ? ` (\`${row.partialTo}\` until the action completes)` : '') +
      (row.closureReason
        ? `, closing the case with \`closureReason: "${row.closureReason}"\``
        : '') +
      '.',
    t.notify.length ? `Tells ${t.notify.join(', ')} (mail and in-app).` : '',
    (t.effects as readonly string[]).includes('webhook')
      ? `The lender's webhooks receive \`case.${t.action}\`.`
      : '',
    'guard' in t ? `Refused with 409 when ${t.guard.message}.` : '',
    `Answers the case as it is after the action. The same as \`POST ${GENERIC_ACTION_PATH}\` with \`action=${t.action}\`.`,
  ];
  return lines.filter(Boolean).join(' ');
}

const isRef = (s: SchemaObject | ReferenceObject): s is ReferenceObject => '$ref' in s;

/**
 * One operation per action of the transition table (`POST …/actions/lender_accept`), each
 * with its own input as the body, so a generated client cannot send one action's input to
 * another. They are the generic route, documented once per action: nothing to keep in step.
 */
export function addActionOperations(document: OpenAPIObject): void {
  const generic = document.paths[GENERIC_ACTION_PATH]?.post as DocOperation | undefined;
  if (!generic) throw new Error(`the document has no POST ${GENERIC_ACTION_PATH}`);
  const schemas = document.components?.schemas ?? {};
  const parameters = (generic.parameters ?? []).filter(
    (p: ParameterObject | ReferenceObject) => !('name' in p && p.name === 'action'),
  );
  const rows = httpActions();
  const inputs = [...new Set(rows.flatMap((t) => (t.input ? [t.input] : [])))];
  generic.requestBody = {
    required: false,
    description: 'The action’s input: the body of its own operation (below)',
    content: {
      'application/json': { schema: { anyOf: inputs.map((i) => ({ $ref: getSchemaPath(i) })) } },
    },
  };
  generic.tags = [ACTIONS_TAG];
  generic[DOC_EXTENSIONS.errors] = Object.assign(
    { NOT_FOUND: 'no such action' },
    ...rows.map(errorsOf),
  );
  for (const t of rows) {
    const input = t.input ? getSchemaPath(t.input) : null;
    const inputSchema = input ? schemas[input.split('/').pop() ?? ''] : undefined;
    const required =
      !!inputSchema && !isRef(inputSchema) && (inputSchema.required ?? []).length > 0;
    const op: DocOperation = {
      operationId: `action_${t.action}`,
      summary: SUMMARIES[t.action] ?? `Take the action ${t.action}`,
      description: describe(t),
      tags: [ACTIONS_TAG],
      parameters: structuredClone(parameters),
      ...(input
        ? {
            requestBody: {
              required,
              content: { 'application/json': { schema: { $ref: input } } },
            },
          }
        : {}),
      responses: {
        '200': {
          description: 'The case after the action, with what the caller may do next',
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/CaseResponse' } },
          },
        },
      },
      [DOC_EXTENSIONS.roles]: [...t.actor],
      [DOC_EXTENSIONS.errors]: errorsOf(t),
    };
    document.paths[actionPath(t.action)] = { post: op };
  }
}
