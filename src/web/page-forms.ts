import type { Type } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { createValidationPipe } from '../common/errors/validation';

/**
 * Forms bound to the API's DTO classes: the same class-validator rules, through the
 * same global ValidationPipe, so a page accepts exactly what the API accepts.
 *
 * HTML sends every field as a string, flat, with dotted names (`loan.principal`);
 * the DTO wants JSON. `formToJson` unflattens the names and converts the strings to
 * the DTO's declared property types (numbers, booleans, nested classes), and an empty
 * field counts as not given, as an omitted JSON property. Fields whose names start with
 * `_` (`_csrf`, `_next`), and `lang`, belong to the page, never to the DTO.
 */

/** What a form shows again after a failed submission: the typed values and the errors. */
export interface FormState {
  values: Record<string, string>;
  /** The API's messages per field name (translated when rendered). */
  errors: Record<string, string[]>;
  /** The API's message for a failure that is not about one field. */
  alert: string | null;
  /** The API's HTTP status for this failure (the page answers with it too). */
  status: number;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({
  values,
  errors: {},
  alert: null,
  status: 200,
});

export type FormBody = Record<string, string | string[] | undefined>;

/** The message shown for a field left empty, whatever type rule the DTO applied to it. */
export const REQUIRED = 'is required';

const pipe = createValidationPipe();

const PAGE_FIELD = /^(_|lang$)/;

/** The submitted strings, as typed (the last of repeated names), page fields excluded. */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== 'object') return values;
  for (const [name, raw] of Object.entries(body as FormBody)) {
    if (PAGE_FIELD.test(name) || raw === undefined) continue;
    values[name] = Array.isArray(raw) ? String(raw[raw.length - 1] ?? '') : String(raw);
  }
  return values;
}

function designType(dto: Type<unknown>, property: string): unknown {
  return Reflect.getMetadata('design:type', dto.prototype, property);
}

function coerce(raw: string, type: unknown): unknown {
  if (type === Number && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw.trim());
  if (type === Boolean && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** Flat string fields → the JSON body the API route would receive. */
export function formToJson(dto: Type<unknown>, values: Record<string, string>): object {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values)) {
    if (raw.trim() === '') continue;
    const path = name.split('.');
    let node = out;
    let cls: unknown = dto;
    for (const [i, key] of path.entries()) {
      const type = typeof cls === 'function' ? designType(cls as Type<unknown>, key) : undefined;
      if (i === path.length - 1) {
        node[key] = coerce(raw, type);
      } else {
        if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
        node = node[key] as Record<string, unknown>;
        cls = type;
      }
    }
  }
  return out;
}

/** Validates a form body with a DTO class as the API does; throws the API's AppError. */
export async function bindForm<T extends object>(dto: Type<T>, body: unknown): Promise<T> {
  const json = formToJson(dto, formValues(body));
  return (await pipe.transform(json, { type: 'body', metatype: dto })) as T;
}

/**
 * class-validator's words for a wrong type or length, which is all it can say of a field
 * that was left empty; such a field is shown as required. A rule's own message (a consent
 * that must be given, an ID's check digit) is shown as the API words it.
 */
const TYPE_MESSAGE =
  /^(must be (a|an) (string|number|integer number|boolean|UUID|valid .*)|must be longer than or equal to \d+ characters|should not be empty|must be shorter than or equal to \d+ characters|must be a date .*|must be a real calendar date|must be an email|must be a name: not blank.*)$/;

/**
 * The form again after an AppError of validation or of the service: messages beside
 * their fields, the typed values kept. Anything else (a bug, the database down) is
 * rethrown and becomes the 500 page.
 */
export function formFailure(e: unknown, values: Record<string, string>): FormState {
  if (!(e instanceof AppError) || e.status >= 500) throw e;
  const errors: Record<string, string[]> = {};
  const fieldErrors = (e.details.errors ?? []) as { field: string; message: string }[];
  for (const { field, message } of fieldErrors) {
    const empty = (values[field] ?? '').trim() === '';
    const shown = empty && TYPE_MESSAGE.test(message) ? REQUIRED : message;
    errors[field] = [...new Set([...(errors[field] ?? []), shown])];
  }
  return { values, errors, alert: fieldErrors.length ? null : e.message, status: e.status };
}

export type Submitted<R> = { ok: true; result: R } | { ok: false; form: FormState };

/**
 * The one way a page submits a form: bind it to the API's DTO, call the service method
 * the API route calls, and answer its result or the form to show again.
 */
export async function submitForm<T extends object, R>(
  dto: Type<T>,
  body: unknown,
  action: (dto: T) => Promise<R>,
): Promise<Submitted<R>> {
  const values = formValues(body);
  try {
    return { ok: true, result: await action(await bindForm(dto, body)) };
  } catch (e) {
    return { ok: false, form: formFailure(e, values) };
  }
}

/**
 * A list page's query (filters, cursor) bound to the API's query DTO. A bad filter is
 * shown beside its field and the list is shown unfiltered.
 */
export async function bindQuery<T extends object>(
  dto: new () => T,
  query: unknown,
): Promise<{ query: T; form: FormState }> {
  const values = formValues(query);
  try {
    return { query: await bindForm(dto, query), form: emptyForm(values) };
  } catch (e) {
    return { query: new dto(), form: formFailure(e, values) };
  }
}
