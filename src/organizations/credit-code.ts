import { registerDecorator, ValidationOptions } from 'class-validator';

// GB 32100-2015: 31 characters, without I, O, S, V and Z (read as 1, 0, 5, U and 2).
const CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// 3^i mod 31, the weight of each of the first 17 characters.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

/** The check character of a unified social credit code (统一社会信用代码) for its first 17. */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * CHARACTERS.indexOf(first17[i]), 0);
  return CHARACTERS[(31 - (sum % 31)) % 31];
}

/**
 * An 18-character unified social credit code: registration authority and category, the
 * six-digit division code, the nine-character organisation code, and the check character.
 */
export function isCreditCode(value: string): boolean {
  return SHAPE.test(value) && creditCodeCheckCharacter(value.slice(0, 17)) === value[17];
}

export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message:
          'must be an 18-character unified social credit code (统一社会信用代码) with a valid check character',
        ...options,
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && isCreditCode(v) },
    });
}
