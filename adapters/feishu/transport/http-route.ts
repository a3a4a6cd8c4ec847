// POST /feishu/events: events and card callbacks in HTTP mode.
//
// We verify and parse requests ourselves instead of using the SDK's EventDispatcher/CardActionHandler
// with adaptDefault: the SDK signs `JSON.stringify(parsedBody)` rather than the raw bytes, checks
// neither timestamp freshness nor the verification token, caps no body sizes, matches paths exactly
// (a query string hangs), and acks message events only after the handler finishes. Here: size cap →
// signature over the raw bytes (timing-safe) → timestamp ±5 min → decrypt → token → dispatch. Nothing
// is decrypted before the signature is checked, except a challenge-sized unsigned url_verification, and
// every unauthenticated or undecryptable body gets the same 401 (no padding oracle). Message events
// are acked first and handled after; card callbacks are answered within 3 s.
import { InboundRejected, readCappedBody } from '../../shared/read-body.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { HttpRoute } from '../../../src/app/ports/platform-adapter.port.js';
import { PlatformError } from '../../../src/app/ports/platform-error.js';
import { MAX_CLOCK_SKEW_MS, MAX_INBOUND_BODY_BYTES } from '../limits.js';
import { computeSignature, decryptPayload, signatureMatches } from '../inbound/crypto.js';
import type { ListenerContext } from '../listeners/context.js';
import { handleCardAction, type CardActionOptions } from '../listeners/card-action.listener.js';
import { handleMessageEvent } from '../listeners/message.listener.js';

export const FEISHU_EVENTS_PATH = '/feishu/events';

export interface HttpRouteOptions extends CardActionOptions {
  encryptKey?: string;
  verificationToken?: string;
  maxBodyBytes?: number;
}


const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}


function parseJson(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InboundRejected(400, `${what} is not valid JSON`);
  }
  if (!isObject(value)) throw new InboundRejected(400, `${what} must be a JSON object`);
  return value;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The route, plus how many decryptions it attempted (for tests: unsigned bodies are not decrypted). */
export interface FeishuHttpRoute extends HttpRoute {
  readonly stats: { decryptAttempts: number };
}

/** The one answer to every request that is not authenticated or cannot be decrypted. */
const REJECTED = { status: 401, body: { error: 'request rejected' } } as const;

/**
 * Unsigned bodies we are willing to decrypt: only something the size of a url_verification challenge
 * (`{"challenge","token","type"}`), and at most UNSIGNED_DECRYPT_BUDGET of them per window, so the
 * unsigned path can never serve as a decryption oracle for captured callbacks.
 */
const MAX_CHALLENGE_CHARS = 128;
const UNSIGNED_DECRYPT_BUDGET = 20;
const UNSIGNED_DECRYPT_WINDOW_MS = 10 * 60 * 1000;
const CHALLENGE = /^[A-Za-z0-9_-]{1,128}$/;

export function createFeishuHttpRoute(ctx: ListenerContext, options: HttpRouteOptions): FeishuHttpRoute {
  const max = options.maxBodyBytes ?? MAX_INBOUND_BODY_BYTES;
  const stats = { decryptAttempts: 0 };
  let budget = { left: UNSIGNED_DECRYPT_BUDGET, until: 0 };
  const reject = (reason: string): never => {
    throw new InboundRejected(REJECTED.status, reason);
  };

  const decrypt = (encrypt: string): string => {
    stats.decryptAttempts += 1;
    return decryptPayload(options.encryptKey!, encrypt);
  };

  const checkToken = (token: unknown): void => {
    if (!options.verificationToken) return;
    if (typeof token !== 'string' || !sameSecret(token, options.verificationToken)) reject('wrong verification token');
  };

  /** Signature over the raw bytes and timestamp freshness. Nothing is parsed or decrypted before this. */
  const authenticate = (req: IncomingMessage, raw: Buffer): void => {
    const header = (n: string) => {
      const v = req.headers[n];
      return typeof v === 'string' ? v : undefined;
    };
    const timestamp = header('x-lark-request-timestamp');
    const nonce = header('x-lark-request-nonce');
    const signature = header('x-lark-signature');
    if (!options.encryptKey) reject('no encrypt key configured: nothing can be authenticated');
    if (!timestamp || !nonce || !signature) reject('missing signature headers');
    if (!signatureMatches(computeSignature(timestamp!, nonce!, options.encryptKey!, raw), signature)) reject('bad signature');
    const seconds = Number(timestamp);
    if (!Number.isFinite(seconds) || Math.abs(ctx.now().getTime() - seconds * 1000) > MAX_CLOCK_SKEW_MS) reject('stale or future timestamp');
  };

  /** The authenticated body as JSON (decrypted when encrypted); any failure is the uniform rejection. */
  const open = (raw: Buffer): Record<string, unknown> => {
    let payload: Record<string, unknown>;
    try {
      payload = parseJson(raw.toString('utf8'), 'body');
      if (typeof payload.encrypt === 'string') payload = parseJson(decrypt(payload.encrypt), 'decrypted body');
    } catch {
      return reject('signed body could not be decrypted or parsed');
    }
    return payload;
  };

  /**
   * An unsigned body: Feishu sends the url_verification challenge without signature headers, encrypted.
   * Only a challenge-sized `{"encrypt"}` is decrypted (within the budget); whatever goes wrong, the
   * answer is the same rejection, so padding, JSON and token failures cannot be told apart.
   */
  const challengeOf = (raw: Buffer): string => {
    const tokenChars = options.verificationToken?.length ?? 0;
    // base64 of IV + ciphertext of {"challenge":"…","token":"…","type":"url_verification"}
    const maxPlain = 64 + MAX_CHALLENGE_CHARS + tokenChars * 6;
    const maxEncrypt = Math.ceil((16 + maxPlain + 16) / 3) * 4;
    if (!options.encryptKey || raw.length > maxEncrypt + 64) return reject('unsigned body that is not a challenge');
    let outer: unknown;
    try {
      outer = JSON.parse(raw.toString('utf8'));
    } catch {
      return reject('unsigned body that is not a challenge');
    }
    if (!isObject(outer) || Object.keys(outer).length !== 1 || typeof outer.encrypt !== 'string' || outer.encrypt.length > maxEncrypt) {
      return reject('unsigned body that is not a challenge');
    }
    const now = Date.now();
    if (now >= budget.until) budget = { left: UNSIGNED_DECRYPT_BUDGET, until: now + UNSIGNED_DECRYPT_WINDOW_MS };
    if (budget.left <= 0) return reject('unsigned decryption budget spent');
    budget.left -= 1;
    let inner: Record<string, unknown>;
    try {
      inner = parseJson(decrypt(outer.encrypt), 'decrypted body');
    } catch {
      return reject('unsigned body could not be decrypted');
    }
    if (inner.type !== 'url_verification') reject('unsigned body that is not a challenge');
    checkToken(inner.token);
    if (!options.verificationToken) reject('no verification token to check the challenge with');
    if (typeof inner.challenge !== 'string' || !CHALLENGE.test(inner.challenge)) reject('challenge missing or malformed');
    return inner.challenge as string;
  };

  const hasSignature = (req: IncomingMessage) =>
    req.headers['x-lark-signature'] !== undefined || req.headers['x-lark-request-timestamp'] !== undefined || req.headers['x-lark-request-nonce'] !== undefined;

  const process = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') throw new InboundRejected(405, 'method not allowed');
    const raw = await readCappedBody(req, max);
    if (!hasSignature(req)) return send(res, 200, { challenge: challengeOf(raw) });

    authenticate(req, raw);
    const payload = open(raw);
    // A signed challenge (answered within 1 s) after its token check.
    if (payload.type === 'url_verification') {
      checkToken(payload.token);
      if (typeof payload.challenge !== 'string') throw new InboundRejected(400, 'challenge missing');
      return send(res, 200, { challenge: payload.challenge });
    }
    const header = isObject(payload.header) ? payload.header : null;
    if (!header) throw new InboundRejected(400, 'expected a schema 2.0 envelope with a header');
    checkToken(header.token);
    const eventId = typeof header.event_id === 'string' ? header.event_id : null;
    const event = payload.event;
    // Ids, type and size only: the envelope itself carries customer data.
    ctx.logger.debug({ eventId, eventType: header.event_type, bytes: raw.length }, 'feishu event received');

    switch (header.event_type) {
      case 'card.action.trigger':
        return send(res, 200, await handleCardAction(ctx, eventId, event, options));
      case 'im.message.receive_v1':
        // Ack now; answering takes longer than Feishu's 3 s and would trigger redelivery.
        send(res, 200, {});
        ctx.track(ctx.lane.run(() => handleMessageEvent(ctx, eventId, event)));
        return;
      default:
        return send(res, 200, {});
    }
  };

  return {
    path: FEISHU_EVENTS_PATH,
    stats,
    handle(req, res) {
      process(req, res).catch((e: unknown) => {
        if (e instanceof InboundRejected) {
          // The reason stays in our logs; the client gets one answer for every authentication failure.
          if (e.status === REJECTED.status) {
            ctx.logger.warn({ reason: e.message, bytes: Number(req.headers['content-length']) || undefined }, 'feishu request rejected');
            send(res, REJECTED.status, REJECTED.body);
          } else send(res, e.status, { error: e.message });
        } else {
          ctx.logger.error({ err: e }, 'feishu request failed');
          send(res, 500, { error: 'internal error' });
        }
        // Drain whatever the client still sends after an early answer.
        req.resume();
      });
    },
  };
}
