import { registerDecorator, ValidationOptions } from 'class-validator';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** An 18-digit resident ID (GB 11643): a real birth date and a valid ISO 7064 MOD 11-2 check digit. */
export function isResidentId(value: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return false;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth > new Date()) {
    return false;
  }
  return residentIdCheckDigit(value.slice(0, 17)) === value[17];
}

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckDigit(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return CHECK[sum % 11];
}

/** A mainland China mobile number, 11 digits, optionally written with +86. */
export const MAINLAND_MOBILE = /^(\+86)?1[3-9]\d{9}$/;

export const maskIdNumber = (id: string | null) =>
  id ? `${id.slice(0, 6)}${'*'.repeat(Math.max(0, id.length - 10))}${id.slice(-4)}` : null;

export const maskPhone = (phone: string | null) => {
  if (!phone) return null;
  const digits = phone.replace(/^\+86/, '');
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
};

export function IsResidentId(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isResidentId',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: 'must be an 18-digit resident ID number with a valid check digit',
        ...options,
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && isResidentId(v) },
    });
}
