import { createHash } from 'crypto';
import fc from 'fast-check';
import { agreementHash, canonicalJson, sha256Hex } from '../../src/domain';
import { agreementContent } from './fixtures';

describe('SHA-256', () => {
  // FIPS 180-4 / NIST example vectors.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes %j', (input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
  });

  it('hashes a million "a" characters', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node crypto on any text, including Chinese and emoji (UTF-8)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
    expect(sha256Hex('调解协议😀')).toBe(createHash('sha256').update('调解协议😀', 'utf8').digest('hex'));
  });
});

describe('canonical JSON and the agreement hash', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same hash whatever order the fields were written in', () => {
    const content = agreementContent();
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(content).reverse())));
    expect(agreementHash(reordered)).toBe(agreementHash(content));
  });

  it('changes when any word of the content changes', () => {
    const base = agreementContent();
    expect(agreementHash({ ...base, terms: ['李四赔偿张三维修费3001元。'] })).not.toBe(agreementHash(base));
    expect(agreementHash({ ...base, performance: [{ ...base.performance[0], place: '线上' }] })).not.toBe(agreementHash(base));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ amount: Number.NaN })).toThrow();
  });
});
