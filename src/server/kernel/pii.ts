// Personal data at rest: phone and ID numbers are stored encrypted (AES-256-GCM), with a keyed hash
// (HMAC-SHA256) beside them for look-ups. The key comes from configuration (PII_KEY, 32 bytes in base64),
// never from the repository: in CloudBase it is a function environment variable set in the console;
// locally `npm start` creates one in the data folder.
//
// A sealed value is `v2:<key id>:<iv|tag|ciphertext>` and is bound to where it belongs (associated data: the
// case, the party and the kind of number), so a value copied onto another case or party does not open. The key
// id names the key that sealed it: to rotate, set the new key as PII_KEY and the old one(s) in
// PII_KEYS_PREVIOUS (comma-separated); values sealed under an old key still open, new ones use the new key.
// Look-up hashes use the current key only. `npm run pii:reseal` (src/server/setup/reseal.ts) then re-seals every
// value under the current key and recomputes the look-up hashes, after which the old key can be retired.
// Values sealed before associated data existed (`v1:`) still open, without it, under any configured key.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from './errors';

const V1 = 'v1';
const V2 = 'v2';

/** Where a sealed value belongs: it opens only there. */
export const sealedAt = {
  mobile: (caseId: string, partyId: string) => `case:${caseId}:party:${partyId}:mobile`,
  idNumber: (caseId: string, partyId: string) => `case:${caseId}:party:${partyId}:id`,
  /** The referring body's contact (`referrer`), or the person who received a case referred out (`receiver`). */
  referralMobile: (caseId: string, who: 'referrer' | 'receiver') => `case:${caseId}:referral:${who}:mobile`,
  /** An expert of the district's pool (专家库). */
  expertMobile: (expertId: string) => `expert:${expertId}:mobile`,
};

export interface PiiCipher {
  /** Seals `plain` for the place `context` names (see `sealedAt`). */
  encrypt(plain: string, context: string): string;
  /** Opens a value sealed for `context`; fails if it was sealed for another place or under an unknown key. */
  decrypt(sealed: string, context: string): string;
  /** Deterministic keyed hash of a normalised value, for equality look-ups without the plaintext. */
  lookupHash(normalised: string): string;
  /** Id of the key new values are sealed with. */
  readonly keyId: string;
  /** Whether a sealed value is already sealed the current way (v2, under the current key): nothing to re-seal. */
  isCurrent(sealed: string): boolean;
}

interface Key {
  id: string;
  enc: Buffer;
  mac: Buffer;
}

function deriveKey(master: Buffer): Key {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return {
    id: createHash('sha256').update(derive('pii-key-id')).digest('hex').slice(0, 8),
    enc: derive('pii-encryption'),
    mac: derive('pii-lookup'),
  };
}

const parseKey = (b64: string | undefined): Buffer | undefined => {
  const raw = b64 ? Buffer.from(b64.trim(), 'base64') : Buffer.alloc(0);
  return raw.length === 32 ? raw : undefined;
};

const unreadable = () => new AppError('INTERNAL', '个人信息无法解密');

export function createPiiCipher(keyBase64: string | undefined, previousKeys: string | undefined = process.env.PII_KEYS_PREVIOUS): PiiCipher {
  const master = parseKey(keyBase64);
  if (!master) {
    // Fail closed: without a key nothing personal can be stored.
    const missing = (msg: string) => () => {
      throw new AppError('INTERNAL', msg);
    };
    return {
      encrypt: missing('系统未配置数据加密密钥，暂不能保存个人信息'),
      decrypt: missing('系统未配置数据加密密钥'),
      lookupHash: missing('系统未配置数据加密密钥'),
      keyId: '',
      isCurrent: () => false,
    };
  }
  const current = deriveKey(master);
  const keys = new Map<string, Key>([[current.id, current]]);
  for (const old of (previousKeys ?? '').split(',')) {
    const k = parseKey(old);
    if (k) keys.set(deriveKey(k).id, deriveKey(k));
  }
  const open = (key: Key, raw: Buffer, aad?: string) => {
    const decipher = createDecipheriv('aes-256-gcm', key.enc, raw.subarray(0, 12));
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };
  // A v1 value names no key: the current key first, then the previous ones.
  const openV1 = (raw: Buffer): string => {
    for (const key of keys.values()) {
      try {
        return open(key, raw);
      } catch {
        /* not this key */
      }
    }
    throw unreadable();
  };
  return {
    keyId: current.id,
    encrypt(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.enc, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${V2}:${current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed, context) {
      const parts = sealed.split(':');
      try {
        if (parts[0] === V2 && parts.length === 3) {
          const key = keys.get(parts[1]);
          if (!key) throw unreadable();
          return open(key, Buffer.from(parts[2], 'base64'), context);
        }
        if (parts[0] === V1 && parts.length === 2) return openV1(Buffer.from(parts[1], 'base64'));
      } catch {
        throw unreadable();
      }
      throw unreadable();
    },
    isCurrent(sealed) {
      const parts = sealed.split(':');
      return parts.length === 3 && parts[0] === V2 && parts[1] === current.id;
    },
    lookupHash(normalised) {
      return createHmac('sha256', current.mac).update(normalised, 'utf8').digest('hex');
    },
  };
}

/** A fresh random key, base64 (for `npm start`'s data folder and for tests). */
export function newPiiKey(): string {
  return randomBytes(32).toString('base64');
}
