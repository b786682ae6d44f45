import { isValidMobile, isValidResidentId, maskMobile, maskName, maskResidentId, residentIdCheckChar } from '../../src/domain';

describe('resident identity number (GB 11643)', () => {
  it('accepts the standard examples, with an upper- or lower-case X check character', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('110105199001011232', '2026-03-02')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('110105199001011233')).toBe(false);
  });

  it('rejects a birth date that does not exist, even with a matching check character', () => {
    const first17 = '11010519900230123'; // 30 February
    expect(isValidResidentId(first17 + residentIdCheckChar(first17))).toBe(false);
    const month13 = '11010519901301123';
    expect(isValidResidentId(month13 + residentIdCheckChar(month13))).toBe(false);
  });

  it('rejects a birth date after today and before 1900', () => {
    const future = '11010520300101123';
    expect(isValidResidentId(future + residentIdCheckChar(future), '2026-03-02')).toBe(false);
    const old = '11010518991231123';
    expect(isValidResidentId(old + residentIdCheckChar(old))).toBe(false);
  });

  it('rejects wrong length, letters in the body and a zero region code', () => {
    expect(isValidResidentId('11010519491231002')).toBe(false);
    expect(isValidResidentId('1101051949123100X2')).toBe(false);
    const zero = '01010519900101123';
    expect(isValidResidentId(zero + residentIdCheckChar(zero))).toBe(false);
  });
});

describe('mobile numbers', () => {
  it.each(['13812341234', '+86 138 1234 1234', '86-19912341234', '0086 15012341234'])('accepts %s', (m) => {
    expect(isValidMobile(m)).toBe(true);
  });
  it.each(['12812341234', '1381234123', '138123412345', '010-12345678', ''])('rejects %s', (m) => {
    expect(isValidMobile(m)).toBe(false);
  });
});

describe('masking for display', () => {
  it('shows a mobile number as 138****1234, whatever way it was typed', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile('+86 138-1234-1234')).toBe('138****1234');
  });
  it('hides most of anything else given as a phone number', () => {
    expect(maskMobile('01012345678')).toBe('*********78');
  });
  it('keeps the region and the last four of an identity number, never the birth date', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskResidentId('11010519491231002X')).not.toContain('19491231');
  });
  it('keeps the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('王*');
    expect(maskName('John Smith')).toBe('J*** S****');
  });
});
