import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** A new endpoint secret: shown to the admin once, kept sealed. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** `X-Mediation-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
export function signatureHeader(secret: string, timestamp: number, rawBody: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/**
 * The receiver's check, as docs/lender-integration.md shows it: the header's
 * `v1` matches and `t` is within `toleranceSeconds` of now (replays refused).
 */
export function verifySignature(
  header: string,
  secret: string,
  rawBody: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(
    header.split(',').map((p) => p.trim().split('=', 2) as [string, string]),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) {
    return false;
  }
  const expected = Buffer.from(signatureHeader(secret, t, rawBody).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/*
 * Endpoint secrets must be readable to sign with, so they cannot be hashed.
 * They are kept encrypted (AES-256-GCM) under a key derived from JWT_SECRET,
 * so a copy of the database alone does not give them away. Changing
 * JWT_SECRET makes them unreadable: deliveries then fail until the webhook is
 * registered again.
 */
const SEAL_VERSION = 'v1';

const sealKey = (jwtSecret: string) =>
  Buffer.from(hkdfSync('sha256', jwtSecret, 'mediation-webhook-secrets', SEAL_VERSION, 32));

export function sealSecret(secret: string, jwtSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(jwtSecret), iv);
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv, ct, cipher.getAuthTag()]
    .map((x) => (typeof x === 'string' ? x : x.toString('base64url')))
    .join('.');
}

export class SecretUnreadableError extends Error {
  constructor() {
    super('the webhook secret cannot be decrypted (was JWT_SECRET changed?); register it again');
  }
}

export function openSecret(sealed: string, jwtSecret: string): string {
  const [version, iv, ct, tag] = sealed.split('.');
  if (version !== SEAL_VERSION || !iv || !ct || !tag) throw new SecretUnreadableError();
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      sealKey(jwtSecret),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ct, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SecretUnreadableError();
  }
}
