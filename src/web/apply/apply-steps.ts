import { FileCaseDto } from '../../cases/cases.dto';
import { createValidationPipe } from '../../common/errors/validation';
import { emptyForm, formFailure, formToJson } from '../page-forms';
import type { FormState } from '../page-forms';

/**
 * The application of `POST /api/v1/cases` (FileCaseDto) in short steps for a phone. Each
 * step owns some of the DTO's fields; a step is checked by the DTO's own rules, keeping
 * only the errors of its fields, so the page adds no rule of its own. The consents step
 * files the case; evidence and the receipt follow on the filed case.
 */
export const APPLY_STEPS = ['loan', 'reason', 'proposal', 'consents'] as const;
export type ApplyStep = (typeof APPLY_STEPS)[number];

export const STEP_FIELDS: Record<ApplyStep, readonly string[]> = {
  loan: [
    'lenderOrganizationId',
    'loan.contractNumber',
    'loan.principal',
    'loan.outstandingAmount',
    'loan.overdueSince',
  ],
  reason: ['overdueReason', 'reasonDetail'],
  proposal: ['proposal.installments', 'proposal.requestWaiver', 'proposal.note', 'preferredMode'],
  consents: [
    'consents.privacyNoticeVersion',
    'consents.onlineMediation',
    'consents.electronicService',
    'consents.shareWithLender',
    'serviceAddress.postalAddress',
  ],
};

/** The steps whose values the draft keeps: never the consents, given only when filing. */
export const DRAFT_STEPS: readonly ApplyStep[] = ['loan', 'reason', 'proposal'];

export const isApplyStep = (s: unknown): s is ApplyStep => APPLY_STEPS.includes(s as ApplyStep);

export const stepNumber = (step: ApplyStep) => APPLY_STEPS.indexOf(step) + 1;

export function nextStep(step: ApplyStep): ApplyStep {
  return APPLY_STEPS[Math.min(APPLY_STEPS.indexOf(step) + 1, APPLY_STEPS.length - 1)];
}

export function previousStep(step: ApplyStep): ApplyStep | null {
  const i = APPLY_STEPS.indexOf(step);
  return i > 0 ? APPLY_STEPS[i - 1] : null;
}

/** A step's fields from a submission, and nothing else (an unknown name is not stored). */
export function stepValues(step: ApplyStep, values: Record<string, string>) {
  return Object.fromEntries(
    STEP_FIELDS[step].filter((f) => f in values).map((f) => [f, values[f].slice(0, 4000)]),
  );
}

const pipe = createValidationPipe();

/** `loan.principal` → `loan`: the nested objects a step's fields live in. */
const parentsOf = (step: ApplyStep) => [
  ...new Set(STEP_FIELDS[step].filter((f) => f.includes('.')).map((f) => f.split('.')[0])),
];

/**
 * The form of one step as the API would judge it: `values` is the whole application so far,
 * and only the errors of this step's fields are kept. A nested object left wholly empty is
 * checked field by field (an empty `{}`), so each empty field says it is required rather
 * than the object as a whole.
 */
export async function checkStep(
  step: ApplyStep,
  values: Record<string, string>,
): Promise<FormState> {
  const json = formToJson(FileCaseDto, values) as Record<string, unknown>;
  for (const parent of parentsOf(step)) json[parent] ??= {};
  try {
    await pipe.transform(json, { type: 'body', metatype: FileCaseDto });
    return emptyForm(values);
  } catch (e) {
    const form = formFailure(e, values);
    const mine = new Set(STEP_FIELDS[step]);
    const errors = Object.fromEntries(Object.entries(form.errors).filter(([f]) => mine.has(f)));
    return Object.keys(errors).length ? { ...form, errors } : emptyForm(values);
  }
}

/** The first step whose fields the API would refuse, or null when all are complete. */
export async function firstIncompleteStep(
  values: Record<string, string>,
): Promise<ApplyStep | null> {
  for (const step of DRAFT_STEPS) {
    if (Object.keys((await checkStep(step, values)).errors).length) return step;
  }
  return null;
}
