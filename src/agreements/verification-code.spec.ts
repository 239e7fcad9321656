import { newVerificationCode, normalizeVerificationCode } from './verification-code';

describe('verification codes', () => {
  it('are three groups of four unambiguous characters, and differ', () => {
    const codes = Array.from({ length: 200 }, newVerificationCode);
    for (const code of codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('read back as typed: any case, without dashes, O for 0 and I or L for 1', () => {
    expect(normalizeVerificationCode('k7qf-3m9d-xr2p')).toBe('K7QF-3M9D-XR2P');
    expect(normalizeVerificationCode(' K7QF 3M9D XR2P ')).toBe('K7QF-3M9D-XR2P');
    expect(normalizeVerificationCode('KOQF-3M9D-XRIL')).toBe('K0QF-3M9D-XR11');
  });

  it('refuse what cannot be a code', () => {
    for (const bad of ['', 'K7QF-3M9D', 'K7QF-3M9D-XR2P-1', 'K7QF-3M9D-XR2U', '../../etc']) {
      expect(normalizeVerificationCode(bad)).toBeNull();
    }
  });
});
