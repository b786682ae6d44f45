// Personal data at rest: phone and ID numbers are stored encrypted (AES-256-GCM), with a keyed hash
// (HMAC-SHA256) beside them for look-ups. The key comes from configuration (PII_KEY, 32 bytes in base64),
// never from the repository: in CloudBase it is a function environment variable set in the console;
// locally `npm start` creates one in the data folder.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from './errors';

const VERSION = 'v1';

export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Deterministic keyed hash of a normalised value, for equality look-ups without the plaintext. */
  lookupHash(normalised: string): string;
}

export function createPiiCipher(keyBase64: string | undefined): PiiCipher {
  const master = keyBase64 ? Buffer.from(keyBase64, 'base64') : Buffer.alloc(0);
  if (master.length !== 32) {
    // Fail closed: without a key nothing personal can be stored.
    return {
      encrypt: () => {
        throw new AppError('INTERNAL', '系统未配置数据加密密钥，暂不能保存个人信息');
      },
      decrypt: () => {
        throw new AppError('INTERNAL', '系统未配置数据加密密钥');
      },
      lookupHash: () => {
        throw new AppError('INTERNAL', '系统未配置数据加密密钥');
      },
    };
  }
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'pii-encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'pii-lookup', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const [version, payload] = sealed.split(':');
      if (version !== VERSION || !payload) throw new AppError('INTERNAL', '个人信息无法解密');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash(normalised) {
      return createHmac('sha256', macKey).update(normalised, 'utf8').digest('hex');
    },
  };
}

/** A fresh random key, base64 (for `npm start`'s data folder and for tests). */
export function newPiiKey(): string {
  return randomBytes(32).toString('base64');
}
