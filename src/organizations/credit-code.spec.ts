import { creditCodeCheckCharacter, isCreditCode } from './credit-code';

describe('unified social credit code (GB 32100)', () => {
  it('accepts published codes with their check character', () => {
    // Codes printed on business licences of well-known companies.
    for (const code of ['91350100M000100Y43', '91110000802100433B', '914403001922038216']) {
      expect(isCreditCode(code)).toBe(true);
    }
  });

  it('computes the check character, 0 where the remainder is 0', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91110000802100433')).toBe('B');
    expect(creditCodeCheckCharacter('91310000630000018')).toBe('0');
  });

  it('refuses a changed character, a wrong length, lower case and the letters I O S V Z', () => {
    expect(isCreditCode('91350100M000100Y44')).toBe(false);
    expect(isCreditCode('91350100M000100Y4')).toBe(false);
    expect(isCreditCode('91350100m000100y43')).toBe(false);
    for (const letter of 'IOSVZ') {
      const first17 = `9135010${letter}M000100Y4`;
      expect(isCreditCode(first17 + creditCodeCheckCharacter(first17))).toBe(false);
    }
  });

  it('refuses letters in the division code', () => {
    const first17 = '9135A100M000100Y4';
    expect(isCreditCode(first17 + creditCodeCheckCharacter(first17))).toBe(false);
  });
});
