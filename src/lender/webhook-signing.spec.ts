import { createHmac } from 'node:crypto';
import { retryDelayMs } from './webhook-retry';
import {
  generateWebhookSecret,
  openSecret,
  sealSecret,
  signatureHeader,
  verifySignature,
} from './webhook-signing';

const JWT = 'x'.repeat(40);

describe('webhook signatures', () => {
  const secret = generateWebhookSecret();
  const body = '{"id":"42","type":"case.accept"}';

  it('signs "<t>.<raw body>" with HMAC-SHA256 under the secret', () => {
    const header = signatureHeader(secret, 1_790_000_000, body);
    const hex = createHmac('sha256', secret).update(`1790000000.${body}`).digest('hex');
    expect(header).toBe(`t=1790000000,v1=${hex}`);
  });

  it('verifies its own signature and refuses a changed body, another secret or an old stamp', () => {
    const header = signatureHeader(secret, 1_790_000_000, body);
    expect(verifySignature(header, secret, body, 1_790_000_100)).toBe(true);
    expect(verifySignature(header, secret, body.replace('42', '43'), 1_790_000_100)).toBe(false);
    expect(verifySignature(header, generateWebhookSecret(), body, 1_790_000_100)).toBe(false);
    expect(verifySignature(header, secret, body, 1_790_000_301)).toBe(false);
    expect(verifySignature('t=1790000000', secret, body, 1_790_000_000)).toBe(false);
  });
});

describe('sealed webhook secrets', () => {
  it('opens what it sealed, and never stores the secret in clear', () => {
    const secret = generateWebhookSecret();
    const sealed = sealSecret(secret, JWT);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealSecret(secret, JWT)).not.toBe(sealed);
    expect(openSecret(sealed, JWT)).toBe(secret);
  });

  it('cannot open a secret sealed under another JWT_SECRET', () => {
    const sealed = sealSecret(generateWebhookSecret(), JWT);
    expect(() => openSecret(sealed, 'y'.repeat(40))).toThrow(/JWT_SECRET/);
    expect(() => openSecret('garbage', JWT)).toThrow(/register it again/);
  });
});

describe('webhook retry schedule', () => {
  it('waits 30 s after the first failure, doubling up to 6 h', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(10)).toBe(15_360_000);
    expect(retryDelayMs(11)).toBe(21_600_000);
    expect(retryDelayMs(25)).toBe(21_600_000);
  });
});
