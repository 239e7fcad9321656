import { ValidationError } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

const MULTI_LINE = Symbol('multi-line fields');

/**
 * Marks a free-text field (a reason, minutes, a note) that may hold line
 * breaks and tabs. Every other string is one line: a line break in a name, an
 * email or a contract number is refused (`lineBreakErrors`).
 */
export function MultiLine(): PropertyDecorator {
  return (target, key) => {
    // Read through the prototype chain, written on this class: a subclass keeps its parent's.
    const marked: Set<string | symbol> = Reflect.getMetadata(MULTI_LINE, target) ?? new Set();
    Reflect.defineMetadata(MULTI_LINE, new Set([...marked, key]), target);
  };
}

const allowsLineBreaks = (instance: object, key: string): boolean =>
  (
    Reflect.getMetadata(MULTI_LINE, Object.getPrototypeOf(instance)) as Set<string> | undefined
  )?.has(key) ?? false;

const LINE_BREAK = /[\n\r\t]/;

/**
 * The strings of a transformed DTO (nested DTOs and arrays included) that
 * hold a line break or a tab where the field is not `@MultiLine()`, as
 * validation errors for the one 400.
 */
export function lineBreakErrors(instance: unknown, path = ''): ValidationError[] {
  if (typeof instance !== 'object' || instance === null) return [];
  const errors: ValidationError[] = [];
  for (const [key, value] of Object.entries(instance)) {
    const field = path ? `${path}.${key}` : key;
    const multi = allowsLineBreaks(instance, key);
    const strings = Array.isArray(value) ? value : [value];
    if (!multi && strings.some((s) => typeof s === 'string' && LINE_BREAK.test(s))) {
      errors.push({
        property: field,
        constraints: { singleLine: 'must be one line: no line breaks or tabs' },
        children: [],
      });
    }
    for (const nested of strings) {
      if (typeof nested === 'object' && nested !== null) {
        errors.push(...lineBreakErrors(nested, field));
      }
    }
  }
  return errors;
}

/** Invisible format characters (bidirectional overrides, zero-width marks) that disguise a printed name. */
const FORMAT = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;

/**
 * A person's or an organisation's name, as printed on the agreement: trimmed,
 * not blank, and free of invisible characters that would reorder or hide
 * what is printed (control characters are refused before validation).
 */
export function IsPrintedName(options?: ValidationOptions): PropertyDecorator {
  const trim = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  );
  const check = ValidateBy(
    {
      name: 'isPrintedName',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.trim().length > 0 && !FORMAT.test(value),
        defaultMessage: () => 'must be a name: not blank, without invisible characters',
      },
    },
    options,
  );
  return (target, key) => {
    trim(target, key);
    check(target, key);
  };
}
