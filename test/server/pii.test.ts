// Phone and ID numbers are unreadable at rest, yet can still be looked up; a missing key fails closed.
import { createPiiCipher, newPiiKey } from '../../src/server/kernel/pii';

describe('PII cipher', () => {
  const cipher = createPiiCipher(newPiiKey());

  it('round-trips and never stores the plaintext', () => {
    const sealed = cipher.encrypt('13812341234');
    expect(sealed).not.toContain('13812341234');
    expect(sealed).not.toContain('1234');
    expect(cipher.decrypt(sealed)).toBe('13812341234');
  });

  it('encrypts the same value differently each time, but hashes it the same for look-ups', () => {
    expect(cipher.encrypt('13812341234')).not.toBe(cipher.encrypt('13812341234'));
    expect(cipher.lookupHash('13812341234')).toBe(cipher.lookupHash('13812341234'));
    expect(cipher.lookupHash('13812341234')).not.toBe(cipher.lookupHash('13812341235'));
  });

  it('a different key can neither read nor match', () => {
    const other = createPiiCipher(newPiiKey());
    const sealed = cipher.encrypt('110101199003074514');
    expect(() => other.decrypt(sealed)).toThrow();
    expect(other.lookupHash('110101199003074514')).not.toBe(cipher.lookupHash('110101199003074514'));
  });

  it('detects a tampered ciphertext', () => {
    const sealed = cipher.encrypt('13812341234');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
  });

  it('without a configured key refuses to store personal data, with a Chinese message', () => {
    const none = createPiiCipher(undefined);
    expect(() => none.encrypt('13812341234')).toThrow(/密钥/);
  });
});
