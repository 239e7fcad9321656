import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O and U, as the agreements' codes: nothing a reader can
// take for another character.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP_LENGTH = 5;
const CODE = new RegExp(`^[${ALPHABET}]{${GROUP_LENGTH}}-[${ALPHABET}]{${GROUP_LENGTH}}$`);

/**
 * `7QF3M-9DXR2`: 50 random bits printed in the footer of a notice. Ten characters, so that it
 * never reads as an agreement's twelve; guessing one is hopeless behind the lookup's rate
 * limit (2^50 codes against a few dozen tries an hour per address).
 */
export function newNoticeCode(): string {
  const half = () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${half()}-${half()}`;
}

/**
 * A notice code as typed by a person: case, spaces and dashes do not matter, nor the usual
 * misreadings (O for 0, I or L for 1). Null when it cannot be a notice code.
 */
export function normalizeNoticeCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (raw.length !== 2 * GROUP_LENGTH) return null;
  const code = `${raw.slice(0, GROUP_LENGTH)}-${raw.slice(GROUP_LENGTH)}`;
  return CODE.test(code) ? code : null;
}
