import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O and U: nothing a reader can take for another character.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** `K7QF-3M9D-XR2P`: 60 random bits, printed on the agreement beside its QR code. */
export function newVerificationCode(): string {
  return Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  ).join('-');
}

const CODE = new RegExp(
  `^[${ALPHABET}]{${GROUP_LENGTH}}(-[${ALPHABET}]{${GROUP_LENGTH}}){${GROUPS - 1}}$`,
);

/**
 * A code as typed by a person: case and the usual misreadings (O for 0, I or L for 1) do not
 * matter, dashes are optional. Null when it cannot be a code at all.
 */
export function normalizeVerificationCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (raw.length !== GROUPS * GROUP_LENGTH) return null;
  const code = raw.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))!.join('-');
  return CODE.test(code) ? code : null;
}
