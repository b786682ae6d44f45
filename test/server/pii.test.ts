// Phone and ID numbers are unreadable at rest, yet can still be looked up; a sealed number opens only where it
// belongs (its case, party and kind); the key that sealed it is named, so keys can be rotated; a missing key
// fails closed.
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createPiiCipher, newPiiKey, sealedAt } from '../../src/server/kernel/pii';

const HERE = sealedAt.mobile('c0123456789abcdef0123', 'p1');

describe('PII cipher', () => {
  const key = newPiiKey();
  const cipher = createPiiCipher(key, '');

  it('round-trips and never stores the plaintext', () => {
    const sealed = cipher.encrypt('13812341234', HERE);
    expect(sealed).not.toContain('13812341234');
    expect(sealed).not.toContain('1234');
    expect(cipher.decrypt(sealed, HERE)).toBe('13812341234');
  });

  it('encrypts the same value differently each time, but hashes it the same for look-ups', () => {
    expect(cipher.encrypt('13812341234', HERE)).not.toBe(cipher.encrypt('13812341234', HERE));
    expect(cipher.lookupHash('13812341234')).toBe(cipher.lookupHash('13812341234'));
    expect(cipher.lookupHash('13812341234')).not.toBe(cipher.lookupHash('13812341235'));
  });

  it('a different key can neither read nor match', () => {
    const other = createPiiCipher(newPiiKey(), '');
    const sealed = cipher.encrypt('110101199003074514', sealedAt.idNumber('c0123456789abcdef0123', 'p2'));
    expect(() => other.decrypt(sealed, sealedAt.idNumber('c0123456789abcdef0123', 'p2'))).toThrow();
    expect(other.lookupHash('110101199003074514')).not.toBe(cipher.lookupHash('110101199003074514'));
  });

  it('detects a tampered ciphertext', () => {
    const sealed = cipher.encrypt('13812341234', HERE);
    const [v, id, body] = sealed.split(':');
    const raw = Buffer.from(body, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt(`${v}:${id}:${raw.toString('base64')}`, HERE)).toThrow();
  });

  it('a sealed number copied onto another case, another party or another kind of number does not open', () => {
    const sealed = cipher.encrypt('13812341234', HERE);
    expect(() => cipher.decrypt(sealed, sealedAt.mobile('c99999999999999999999', 'p1'))).toThrow(/无法解密/);
    expect(() => cipher.decrypt(sealed, sealedAt.mobile('c0123456789abcdef0123', 'p2'))).toThrow(/无法解密/);
    expect(() => cipher.decrypt(sealed, sealedAt.idNumber('c0123456789abcdef0123', 'p1'))).toThrow(/无法解密/);
  });

  it('names the key that sealed a value; after a rotation old values still open and new ones use the new key', () => {
    const sealedBefore = cipher.encrypt('13812341234', HERE);
    expect(sealedBefore.split(':')[1]).toBe(cipher.keyId);
    const rotated = createPiiCipher(newPiiKey(), key);
    expect(rotated.keyId).not.toBe(cipher.keyId);
    expect(rotated.decrypt(sealedBefore, HERE)).toBe('13812341234');
    expect(rotated.encrypt('13812341234', HERE).split(':')[1]).toBe(rotated.keyId);
    // Without the old key among the previous ones, the old value is unreadable.
    expect(() => createPiiCipher(newPiiKey(), '').decrypt(sealedBefore, HERE)).toThrow();
  });

  it('values sealed before binding existed (v1) still open', () => {
    const enc = Buffer.from(hkdfSync('sha256', Buffer.from(key, 'base64'), Buffer.alloc(0), 'pii-encryption', 32));
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', enc, iv);
    const body = Buffer.concat([c.update('13812341234', 'utf8'), c.final()]);
    expect(cipher.decrypt(`v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`, HERE)).toBe('13812341234');
  });

  it('after a rotation a v1 value sealed under the old key still opens, and only values sealed v2 under the current key count as current (nothing to re-seal)', () => {
    const enc = Buffer.from(hkdfSync('sha256', Buffer.from(key, 'base64'), Buffer.alloc(0), 'pii-encryption', 32));
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', enc, iv);
    const body = Buffer.concat([c.update('13812341234', 'utf8'), c.final()]);
    const v1 = `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    const rotated = createPiiCipher(newPiiKey(), key);
    expect(rotated.decrypt(v1, HERE)).toBe('13812341234');
    expect(rotated.isCurrent(v1)).toBe(false);
    expect(rotated.isCurrent(cipher.encrypt('13812341234', HERE))).toBe(false);
    expect(rotated.isCurrent(rotated.encrypt('13812341234', HERE))).toBe(true);
  });

  it('without a configured key refuses to store personal data, with a Chinese message', () => {
    const none = createPiiCipher(undefined, '');
    expect(() => none.encrypt('13812341234', HERE)).toThrow(/密钥/);
  });
});

describe('sealed numbers in the functions', () => {
  // Through the built functions: someone with database access copies one case's sealed phone number onto another
  // case's party; the number does not show there, and staff cannot reveal it.
  const { demoRuntime, call, rid, ok } = require('../helpers/runtime') as typeof import('../helpers/runtime');
  let rt: Awaited<ReturnType<typeof demoRuntime>>;
  beforeAll(async () => {
    rt = await demoRuntime();
  });
  afterAll(() => rt.close());

  const file = (mobile: string) =>
    ok<{ caseId: string }>(
      call(rt, 'case', `pii-${rid()}`, 'file', {
        category: 'neighbourhood', summary: '楼上漏水，多次沟通无果', communityId: 'liuan',
        applicant: { name: '郑五', mobile }, respondents: [{ name: '王六' }], consent: { privacy: true, shareWithOtherOrgs: false },
      }, rid()),
    );

  it('a sealed phone number copied onto another case does not open there', async () => {
    const a = await file('13911112222');
    const b = await file('13733334444');
    const docs = rt.db.dump('cases') as any[];
    const docA = docs.find((d) => d._id === a.caseId);
    const docB = docs.find((d) => d._id === b.caseId);
    const db = (require('../../src/server/kernel/platform') as typeof import('../../src/server/kernel/platform')).getCloud().database();
    await db.collection('cases').doc(b.caseId).update({ data: { contacts: [{ ...docB.contacts[0], mobileSealed: docA.contacts[0].mobileSealed }] } });

    const viewB = await ok<any>(call(rt, 'case', 'demo-director', 'get', { caseId: b.caseId }));
    expect(viewB.parties.find((p: any) => p.partyId === 'p1').mobile).toBeUndefined();
    const revealed = await call(rt, 'case', 'demo-director', 'revealContact', { caseId: b.caseId, partyId: 'p1' }, rid());
    expect(revealed.ok).toBe(false);
    // Case A still shows its own number.
    const viewA = await ok<any>(call(rt, 'case', 'demo-director', 'get', { caseId: a.caseId }));
    expect(viewA.parties.find((p: any) => p.partyId === 'p1').mobile).toBe('139****2222');
  });
});
