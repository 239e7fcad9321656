import { createHmac } from 'node:crypto';

/** base64url of an object's JSON, as a JWT's header and payload are written. */
export const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A JWT signed HS256 with this secret (or another, to forge one), header and all as given. */
export function signJwt(
  payload: object,
  secret: string,
  header: object = { alg: 'HS256', typ: 'JWT' },
): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
