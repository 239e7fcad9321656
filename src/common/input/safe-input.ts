import type { FieldError } from '../errors/app-error';

/** How deep a body may nest: ours nest three levels; a deep one only costs the transformer's stack. */
export const MAX_DEPTH = 32;

/** Keys that would reach an object's prototype machinery in class-transformer or a spread. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * C0 and C1 control characters and DEL, except tab, line feed and carriage
 * return, which multi-line fields allow (`@MultiLine()`); PostgreSQL refuses
 * NUL outright (22021), the others end up printed on an agreement.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * What is wrong with a request's body, query or path parameters before any
 * validation sees them: NUL and other control characters, lone surrogates
 * (not text; PostgreSQL cannot store them), nesting deeper than MAX_DEPTH and
 * prototype keys. Empty when nothing is; the first problem per field only.
 */
export function inputProblems(value: unknown, root = ''): FieldError[] {
  const problems: FieldError[] = [];
  const visit = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'string') {
      if (CONTROL.test(v))
        problems.push({ field: path || 'body', message: 'must not contain control characters' });
      else if (LONE_SURROGATE.test(v))
        problems.push({ field: path || 'body', message: 'must be valid Unicode text' });
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (depth > MAX_DEPTH) {
      problems.push({ field: path || 'body', message: `nests deeper than ${MAX_DEPTH} levels` });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, join(path, i), depth + 1));
      return;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ field: join(path, key), message: 'should not exist' });
      } else if (CONTROL.test(key) || /[\n\r\t]/.test(key) || LONE_SURROGATE.test(key)) {
        problems.push({
          field: path || 'body',
          message: 'has a property name that is not plain text',
        });
      } else {
        visit((v as Record<string, unknown>)[key], join(path, key), depth + 1);
      }
    }
  };
  visit(value, root, 1);
  return problems;
}
