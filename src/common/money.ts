import { registerDecorator, ValidationOptions } from 'class-validator';

/** Money crosses the edge as a yuan string with exactly two decimals and lives inside as integer fen. */
export const YUAN_PATTERN = /^(0|[1-9]\d{0,11})\.\d{2}$/;

export function yuanToFen(yuan: string): number {
  if (!YUAN_PATTERN.test(yuan)) throw new RangeError(`not a two-decimal yuan amount: ${yuan}`);
  const [whole, cents] = yuan.split('.');
  return Number(whole) * 100 + Number(cents);
}

/** A bigint fen column read back as a number (safe up to 90 trillion yuan). */
export const fenColumn = { to: (v: number) => v, from: (v: string) => Number(v) };

export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not a fen amount: ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Validates a money field: a string like "8000.00" (no JSON numbers, no thousands separators). */
export function IsYuan(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isYuan',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: 'must be a yuan amount as a string with two decimals, such as "8000.00"',
        ...options,
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && YUAN_PATTERN.test(v) },
    });
}
