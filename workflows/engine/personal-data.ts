// Personal data at rest (个人信息保护法: a resident ID number is sensitive personal information):
// AES-256-GCM for the number itself, an HMAC-SHA256 keyed hash to find the same number again.
// Both keys are derived (HKDF) from one secret, PERSONAL_DATA_KEY (32 bytes, base64 or hex).
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export type PersonalData = {
  encrypt(clear: string): string;
  decrypt(sealed: string): string;
  /** Same number, same hash (case-insensitive check character); not reversible without the key. */
  keyedHash(clear: string): string;
  /** A keyed digest of any text that may hold personal data (e.g. a request kept for Idempotency-Key). */
  digest(text: string): string;
};

export function personalData(secret: Buffer): PersonalData {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
  const enc = derive('uw person_identities encryption');
  const mac = derive('uw person_identities keyed hash');
  const digestKey = derive('uw request digest');
  return {
    encrypt(clear) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', enc, iv);
      const body = Buffer.concat([c.update(clear, 'utf8'), c.final()]);
      return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64');
      const d = createDecipheriv('aes-256-gcm', enc, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
    keyedHash: (clear) => createHmac('sha256', mac).update(clear.toUpperCase()).digest('hex'),
    digest: (text) => createHmac('sha256', digestKey).update(text).digest('hex'),
  };
}

/** For development and tests only: a fixed, public key. */
export const DEV_PERSONAL_DATA = personalData(createHash('sha256').update('union-workflows development personal data key').digest());

const BAD_KEY = 'PERSONAL_DATA_KEY 须为 32 字节密钥（64 位十六进制或 base64）/ PERSONAL_DATA_KEY must be a 32-byte key, as 64 hex digits or base64';

export function parseKey(raw: string): Buffer {
  const s = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(s) ? Buffer.from(s, 'base64') : undefined;
  if (key?.length !== 32) throw new Error(BAD_KEY);
  return key;
}

/** The key from the environment: required in production, the development key (with a warning) otherwise. */
export function personalDataFrom(o: { key?: string; production: boolean; warn?: (message: string) => void }): PersonalData {
  if (o.key) return personalData(parseKey(o.key));
  if (o.production)
    throw new Error('生产环境必须设置 PERSONAL_DATA_KEY（用于加密公民身份号码）/ PERSONAL_DATA_KEY is not set: production needs it to encrypt resident ID numbers (32 bytes, base64 or hex, e.g. `openssl rand -base64 32`)');
  o.warn?.('未设置 PERSONAL_DATA_KEY，使用开发用固定密钥，切勿用于真实数据 / PERSONAL_DATA_KEY is not set: using the fixed development key, never for real data');
  return DEV_PERSONAL_DATA;
}
