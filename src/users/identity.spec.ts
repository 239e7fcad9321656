import {
  isResidentId,
  maskIdNumber,
  maskPhone,
  MAINLAND_MOBILE,
  residentIdCheckDigit,
} from './identity';

describe('resident ID numbers', () => {
  it('accepts IDs whose check digit matches, including X', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('11010519900307' + '123' + residentIdCheckDigit('11010519900307123'))).toBe(
      true,
    );
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
  });

  it('refuses a wrong check digit, a bad birth date, a lower-case x and the wrong length', () => {
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('110105194902300024')).toBe(false); // 30 February
    expect(isResidentId('11010519491231002x')).toBe(false);
    expect(isResidentId('11010519491231002')).toBe(false);
  });

  it('masks IDs and phones the way a lender sees them', () => {
    expect(maskIdNumber('110105194912310021')).toBe('110105********0021');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('138****5678');
  });

  it('accepts only mainland mobile numbers', () => {
    expect(MAINLAND_MOBILE.test('13812345678')).toBe(true);
    expect(MAINLAND_MOBILE.test('+8613812345678')).toBe(true);
    expect(MAINLAND_MOBILE.test('12812345678')).toBe(false);
    expect(MAINLAND_MOBILE.test('+85291234567')).toBe(false);
  });
});
