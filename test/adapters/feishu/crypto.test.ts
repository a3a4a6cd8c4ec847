import { describe, expect, it } from 'vitest';
import { computeSignature, decryptPayload, signatureMatches } from '../../../adapters/feishu/inbound/crypto.js';
import { encryptPayload, signBody } from '../../fakes/feishu-signing.js';

describe('Feishu event crypto', () => {
  it('decrypts the documented vector', () => {
    expect(decryptPayload('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
  });

  it('round-trips with the fake signer and rejects garbage', () => {
    const enc = encryptPayload('k3y', '{"a":"华星"}');
    expect(decryptPayload('k3y', enc)).toBe('{"a":"华星"}');
    expect(() => decryptPayload('other', enc)).toThrow();
    expect(() => decryptPayload('k3y', 'bm9wZQ==')).toThrow();
  });

  it('signs timestamp + nonce + key + raw body, compared in constant time', () => {
    const body = '{"encrypt":"abc"}';
    const sig = computeSignature('1700000000', 'n1', 'k', Buffer.from(body));
    expect(sig).toBe(signBody('1700000000', 'n1', 'k', body));
    expect(signatureMatches(sig, sig.toUpperCase())).toBe(true);
    expect(signatureMatches(sig, `${sig.slice(0, -1)}0`)).toBe(sig.endsWith('0'));
    expect(signatureMatches(sig, undefined)).toBe(false);
  });
});
