// Signed, expiring tokens for sign-in links and session cookies: `memberId.generation.expiry.signature`,
// signature = base64url(HMAC-SHA256(secret, purpose|memberId|generation|expiry)). The purpose keeps a
// session cookie from being replayed as a link and the other way round.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'link' | 'session';

export interface TokenClaims {
  memberId: number;
  /** The member's link generation when issued; a revoke bumps it and every older token dies. */
  generation: number;
  /** Expiry, unix seconds. */
  expiresAt: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const TOKEN_RE = /^(\d{1,12})\.(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

const mac = (secret: string, purpose: TokenPurpose, c: TokenClaims): Buffer =>
  createHmac('sha256', secret).update(`${purpose}|${c.memberId}|${c.generation}|${c.expiresAt}`).digest();

export function signToken(secret: string, purpose: TokenPurpose, claims: TokenClaims): string {
  return `${claims.memberId}.${claims.generation}.${claims.expiresAt}.${mac(secret, purpose, claims).toString('base64url')}`;
}

/** Check shape, signature (constant time) and expiry, in that order. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string, nowSeconds: number): TokenCheck {
  const m = TOKEN_RE.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const claims: TokenClaims = { memberId: Number(m[1]), generation: Number(m[2]), expiresAt: Number(m[3]) };
  const given = Buffer.from(m[4]!, 'base64url');
  const expected = mac(secret, purpose, claims);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  if (claims.expiresAt <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
