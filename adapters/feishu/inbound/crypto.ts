// Feishu event crypto: AES-256-CBC decryption of `{encrypt}` bodies and the X-Lark-Signature check.
// @see https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/encrypt-key-encryption-configuration-case
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import { PlatformError } from '../../../src/app/ports/platform-error.js';

/** key = sha256(encryptKey); IV = first 16 bytes of the base64-decoded payload. Throws on bad input. */
export function decryptPayload(encryptKey: string, encrypt: string): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const buf = Buffer.from(encrypt, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new PlatformError('feishu_bad_encrypted_payload', 'encrypted payload has an invalid length');
  const decipher = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** hex(sha256(timestamp + nonce + encryptKey + rawBody)). */
export function computeSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey, 'utf8').update(rawBody).digest('hex');
}

/** Constant-time comparison of the expected signature with the header. */
export function signatureMatches(expectedHex: string, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(expectedHex, 'utf8');
  const b = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
