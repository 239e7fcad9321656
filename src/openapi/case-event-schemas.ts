import { getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type { EffectName } from '../workflow/effects';
import { CASE_STATUSES } from '../workflow/states';
import { TRANSITIONS } from '../workflow/transitions';
import type { InputClass, Transition } from '../workflow/transitions';

const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const beijing = (description: string): SchemaObject => ({
  type: 'string',
  description: `${description} (ISO 8601, Beijing time)`,
});
const signer: SchemaObject = {
  type: 'object',
  required: ['name', 'capacity', 'title'],
  properties: {
    name: { type: 'string' },
    capacity: { type: 'string', enum: ['self', 'representative', 'signing_agent', 'mediator'] },
    title: { type: 'string', nullable: true },
  },
};
/** How a deadline was counted (docs/deadlines.md), as the calendar derived it. */
const derivation: SchemaObject = {
  type: 'object',
  required: ['at', 'unit', 'length', 'startedAt', 'lastDay', 'provisional'],
  properties: {
    at: beijing('24:00 of `lastDay`'),
    unit: { type: 'string', enum: ['working_days', 'calendar_days'] },
    length: { type: 'integer' },
    startedAt: beijing('when the period began'),
    startDay: { type: 'string', description: 'YYYY-MM-DD, not counted' },
    firstCountedDay: { type: 'string' },
    lastDay: { type: 'string' },
    skipped: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          date: { type: 'string' },
          why: { type: 'string', enum: ['weekend', 'holiday'] },
        },
      },
    },
    countedMakeupWorkdays: { type: 'array', items: { type: 'string' } },
    rolledFrom: { type: 'string', nullable: true },
    provisional: { type: 'boolean' },
    provisionalYears: { type: 'array', items: { type: 'integer' } },
  },
};
const parties: SchemaObject = {
  type: 'array',
  items: { type: 'string', enum: ['borrower', 'lender'] },
};

/** The facts an effect adds to its event beside the action's input (`eventData`). */
const EFFECT_FACTS: Partial<Record<EffectName, Record<string, SchemaObject>>> = {
  'session:create': { sessionId: uuid },
  'session:move': {
    sessionId: uuid,
    previousStartsAt: beijing('the old start'),
    previousEndsAt: beijing('the old end'),
  },
  'session:cancel': { sessionId: uuid },
  'session:held': { sessionId: uuid },
  'lender:record_debt_statement': {
    debtTotal: { type: 'string', example: '9650.40', description: 'the confirmed debt, yuan' },
  },
  'agreement:draft': {
    agreementVersion: { type: 'integer' },
    sha256: { type: 'string', description: 'of the draft PDF' },
    supersedesVersion: { type: 'integer' },
    voidedSignatures: { type: 'integer', description: 'signatures of the old version voided' },
  },
  'agreement:sign': {
    agreementVersion: { type: 'integer' },
    sha256: { type: 'string', description: 'of the draft PDF signed' },
    party: { type: 'string', enum: ['borrower', 'lender'] },
    signer,
    signedAt: { type: 'string' },
    bothSigned: { type: 'boolean', description: 'both parties have now signed' },
  },
  'agreement:confirm': {
    agreementVersion: { type: 'integer' },
    sha256: { type: 'string', description: 'of the draft PDF confirmed' },
    sealedSha256: { type: 'string', description: 'of the sealed PDF' },
    signer,
    sealedAt: { type: 'string' },
    sealCertificateSha256: { type: 'string' },
  },
  'deadline:propose_extension': {
    proposalId: uuid,
    wouldEndAt: beijing('the term’s end if both agree'),
    replacesProposalId: uuid,
  },
  'deadline:agree_extension': {
    proposalId: uuid,
    agreedBy: parties,
    previousMediationDueAt: beijing('the end before, once both agreed'),
    mediationDue: derivation,
  },
  'deadline:start_lender_response': { lenderResponseDue: derivation },
  'deadline:start_mediation_term': { mediationDue: derivation },
  'deadline:flag_provisional': {
    provisional: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          deadline: { type: 'string', enum: ['lender_response', 'mediation_term'] },
          at: { type: 'string' },
          years: { type: 'array', items: { type: 'integer' } },
        },
      },
    },
  },
  'deadline:expire_extension_proposal': { lapsedExtensionProposalId: uuid },
};

/** What filing records: the case's first event. */
const FILED_INPUT: SchemaObject = {
  type: 'object',
  required: ['overdueReason', 'lenderOrganizationId'],
  properties: {
    overdueReason: { $ref: '#/components/schemas/OverdueReason' },
    onlineMediation: { type: 'boolean', description: 'consented to mediation online' },
    electronicService: { type: 'boolean', description: 'consented to service by mail' },
    lenderOrganizationId: { type: 'string', format: 'uuid' },
  },
};

const statusEnum = (values: readonly string[], nullable = false): SchemaObject => ({
  type: 'string',
  enum: nullable ? [...values, null] : [...values],
  ...(nullable ? { nullable: true } : {}),
});

function eventSchema(
  action: string,
  from: SchemaObject,
  to: SchemaObject,
  input: SchemaObject,
): SchemaObject {
  return {
    type: 'object',
    description: `The event of \`${action}\``,
    required: ['id', 'action', 'from', 'to', 'actor', 'input', 'at'],
    properties: {
      id: { type: 'string', description: 'Increasing; the webhook event id is the same' },
      action: { type: 'string', enum: [action] },
      from,
      to,
      actor: { $ref: '#/components/schemas/CaseEventActor' },
      input,
      at: { type: 'string', description: 'When the transition happened (ISO 8601)' },
    },
  };
}

const isSystem = (t: Transition) => (t.actor as readonly string[]).includes('system');
const schemaName = (input: InputClass) => getSchemaPath(input).split('/').pop() ?? '';

/** The input of a transition's event: its DTO's fields and its effects' facts, no more. */
function inputOf(document: OpenAPIObject, t: (typeof TRANSITIONS)[number]): SchemaObject {
  const name = t.input ? getSchemaPath(t.input).split('/').pop() : undefined;
  const dto = name ? document.components?.schemas?.[name] : undefined;
  const base: SchemaObject | undefined = dto && !('$ref' in dto) ? dto : undefined;
  const facts = Object.assign({}, ...t.effects.map((e: EffectName) => EFFECT_FACTS[e] ?? {}));
  return {
    type: 'object',
    ...(base?.required?.length ? { required: [...base.required] } : {}),
    properties: { ...(base?.properties ?? {}), ...facts },
  };
}

/**
 * `CaseEventResponse` as a union over the actions, discriminated by `action`: each with its
 * own `from`, `to` and `input` (the action's body as validated, with the facts its effects
 * added), so a typed client reads `event.input.counterProposal` only on `lender_accept`.
 */
export function typeCaseEvents(document: OpenAPIObject): void {
  const schemas = document.components?.schemas;
  if (!schemas?.CaseEventResponse) throw new Error('the document has no CaseEventResponse');
  const branches: Record<string, SchemaObject> = {
    CaseEvent_file: eventSchema(
      'file',
      statusEnum([], true),
      statusEnum(['submitted']),
      FILED_INPUT,
    ),
  };
  for (const t of TRANSITIONS) {
    const row: Transition = t;
    const to = row.to === 'same' ? row.from : row.partialTo ? [row.to, row.partialTo] : [row.to];
    branches[`CaseEvent_${t.action}`] = eventSchema(
      t.action,
      statusEnum(t.from),
      statusEnum(to.filter((s) => (CASE_STATUSES as readonly string[]).includes(s))),
      inputOf(document, t),
    );
  }
  Object.assign(schemas, branches);
  // A system action's input is read into its event above; no operation takes it as a body.
  const bodies = new Set(TRANSITIONS.flatMap((t) => (t.input && !isSystem(t) ? [t.input] : [])));
  for (const t of TRANSITIONS) {
    if (t.input && !bodies.has(t.input)) delete schemas[schemaName(t.input)];
  }
  const refs: ReferenceObject[] = Object.keys(branches).map((n) => ({
    $ref: `#/components/schemas/${n}`,
  }));
  schemas.CaseEventResponse = {
    description: 'One transition of the case, never edited; by `action`',
    oneOf: refs,
    discriminator: {
      propertyName: 'action',
      mapping: Object.fromEntries(
        Object.keys(branches).map((n) => [
          n.slice('CaseEvent_'.length),
          `#/components/schemas/${n}`,
        ]),
      ),
    },
  };
}

/** `ErrorResponse` lives below the workflow (src/common): its workflow fields are typed here. */
export function typeErrorResponse(document: OpenAPIObject): void {
  const schema = document.components?.schemas?.ErrorResponse;
  if (!schema || '$ref' in schema || !schema.properties) {
    throw new Error('the document has no ErrorResponse');
  }
  schema.properties.currentStatus = {
    allOf: [{ $ref: '#/components/schemas/CaseStatus' }],
    description: 'On 409 INVALID_TRANSITION: the case’s state',
  };
  schema.properties.allowedActions = {
    type: 'array',
    items: { $ref: '#/components/schemas/CaseAction' },
    description: 'On 409 INVALID_TRANSITION: what the caller may do instead',
  };
  schema.properties.report = {
    allOf: [{ $ref: '#/components/schemas/ImportReport' }],
    description: 'On 400 of `POST /payments/import`: row by row, what would apply and what not',
  };
}

/** Nest writes a named enum as `{ allOf: [{ $ref }] }` and nothing else: the reference alone. */
export function flattenLoneAllOf(node: object): void {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value !== 'object' || value === null) continue;
    const keys = Object.keys(value);
    const only: unknown =
      keys.length === 1 && keys[0] === 'allOf' ? Reflect.get(value, 'allOf') : null;
    if (Array.isArray(only) && only.length === 1 && typeof only[0] === 'object') {
      Reflect.set(node, key, only[0]);
    }
    flattenLoneAllOf(Reflect.get(node, key));
  }
}
