// Builds requests signed the way Slack signs them: `v0=` + HMAC-SHA256(secret, `v0:${ts}:${body}`).
import { createHmac } from 'node:crypto';

export interface SignedSlackRequest {
  body: string;
  headers: Record<string, string>;
}

export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

function signed(secret: string, body: string, contentType: string, timestampSec: number, extra: Record<string, string>): SignedSlackRequest {
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestampSec),
      'x-slack-signature': slackSignature(secret, timestampSec, body),
      ...extra,
    },
  };
}

/** A JSON body (Events API). `timestampSec` defaults to now. */
export function signedJson(secret: string, payload: unknown, options: { timestampSec?: number; headers?: Record<string, string> } = {}): SignedSlackRequest {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return signed(secret, body, 'application/json', options.timestampSec ?? Math.floor(Date.now() / 1000), options.headers ?? {});
}

/** A form body: plain fields (slash commands), or `{ payload: JSON }` for interactivity. */
export function signedForm(secret: string, fields: Record<string, string>, options: { timestampSec?: number; headers?: Record<string, string> } = {}): SignedSlackRequest {
  const body = new URLSearchParams(fields).toString();
  return signed(secret, body, 'application/x-www-form-urlencoded', options.timestampSec ?? Math.floor(Date.now() / 1000), options.headers ?? {});
}

/** Interactivity: `payload=<JSON>`. */
export function signedInteraction(secret: string, payload: unknown, options: { timestampSec?: number } = {}): SignedSlackRequest {
  return signedForm(secret, { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }, options);
}

/** Any raw body with a correct signature (for malformed-body tests). */
export function signedRaw(secret: string, body: string, contentType: string, options: { timestampSec?: number } = {}): SignedSlackRequest {
  return signed(secret, body, contentType, options.timestampSec ?? Math.floor(Date.now() / 1000), {});
}
