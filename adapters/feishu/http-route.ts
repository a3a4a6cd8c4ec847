// POST /feishu/events: events and card callbacks in HTTP mode.
//
// We verify and parse requests ourselves instead of using the SDK's EventDispatcher/CardActionHandler
// with adaptDefault: the SDK signs `JSON.stringify(parsedBody)` rather than the raw bytes, checks
// neither timestamp freshness nor the verification token, caps no body sizes, matches paths exactly
// (a query string hangs), and acks message events only after the handler finishes. Here: size cap →
// JSON guard → decrypt → signature (raw body, timing-safe) → timestamp ±5 min → token → dispatch;
// message events are acked first and handled after; card callbacks are answered within 3 s.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { HttpRoute } from '../../src/app/ports/platform-adapter.port.js';
import { MAX_CLOCK_SKEW_MS, MAX_INBOUND_BODY_BYTES } from './limits.js';
import { computeSignature, decryptPayload, signatureMatches } from './inbound/crypto.js';
import type { ListenerContext } from './listeners/context.js';
import { handleCardAction, type CardActionOptions } from './listeners/card-action.listener.js';
import { handleMessageEvent } from './listeners/message.listener.js';

export const FEISHU_EVENTS_PATH = '/feishu/events';

export interface HttpRouteOptions extends CardActionOptions {
  encryptKey?: string;
  verificationToken?: string;
  maxBodyBytes?: number;
}

class Reject extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let size = 0;
    let over = Number.isFinite(declared) && declared > max;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      if (!over) chunks.push(c);
      // A client that keeps streaming far past the cap is cut off.
      if (size > max * 8) req.destroy();
    });
    req.on('end', () => (over ? reject(new Reject(413, 'request body too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', () => reject(new Reject(400, 'request body could not be read')));
    req.on('close', () => {
      if (!req.complete) reject(new Reject(400, 'request body was cut off'));
    });
  });
}

function parseJson(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Reject(400, `${what} is not valid JSON`);
  }
  if (!isObject(value)) throw new Reject(400, `${what} must be a JSON object`);
  return value;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createFeishuHttpRoute(ctx: ListenerContext, options: HttpRouteOptions): HttpRoute {
  const max = options.maxBodyBytes ?? MAX_INBOUND_BODY_BYTES;

  const authenticate = (req: IncomingMessage, raw: Buffer): void => {
    if (!options.encryptKey) return;
    const header = (n: string) => {
      const v = req.headers[n];
      return typeof v === 'string' ? v : undefined;
    };
    const timestamp = header('x-lark-request-timestamp');
    const nonce = header('x-lark-request-nonce');
    const signature = header('x-lark-signature');
    if (!timestamp || !nonce || !signature) throw new Reject(401, 'missing signature headers');
    if (!signatureMatches(computeSignature(timestamp, nonce, options.encryptKey, raw), signature)) throw new Reject(401, 'bad signature');
    const seconds = Number(timestamp);
    if (!Number.isFinite(seconds) || Math.abs(ctx.now().getTime() - seconds * 1000) > MAX_CLOCK_SKEW_MS) {
      throw new Reject(401, 'stale or future timestamp');
    }
  };

  const checkToken = (token: unknown): void => {
    if (!options.verificationToken) return;
    if (typeof token !== 'string' || !sameSecret(token, options.verificationToken)) throw new Reject(401, 'wrong verification token');
  };

  const process = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') throw new Reject(405, 'method not allowed');
    const raw = await readBody(req, max);
    let payload = parseJson(raw.toString('utf8'), 'body');
    if (typeof payload.encrypt === 'string') {
      if (!options.encryptKey) throw new Reject(400, 'encrypted body but no encrypt key configured');
      let plain: string;
      try {
        plain = decryptPayload(options.encryptKey, payload.encrypt);
      } catch {
        throw new Reject(400, 'encrypted body could not be decrypted');
      }
      payload = parseJson(plain, 'decrypted body');
    }

    // The challenge carries no signature headers; it is answered after the token check (within 1 s).
    if (payload.type === 'url_verification') {
      checkToken(payload.token);
      if (typeof payload.challenge !== 'string') throw new Reject(400, 'challenge missing');
      return send(res, 200, { challenge: payload.challenge });
    }

    authenticate(req, raw);
    const header = isObject(payload.header) ? payload.header : null;
    if (!header) throw new Reject(400, 'expected a schema 2.0 envelope with a header');
    checkToken(header.token);
    const eventId = typeof header.event_id === 'string' ? header.event_id : null;
    const event = payload.event;

    switch (header.event_type) {
      case 'card.action.trigger':
        return send(res, 200, await handleCardAction(ctx, eventId, event, options));
      case 'im.message.receive_v1':
        // Ack now; answering takes longer than Feishu's 3 s and would trigger redelivery.
        send(res, 200, {});
        ctx.track(handleMessageEvent(ctx, eventId, event));
        return;
      default:
        return send(res, 200, {});
    }
  };

  return {
    path: FEISHU_EVENTS_PATH,
    handle(req, res) {
      process(req, res).catch((e: unknown) => {
        if (e instanceof Reject) {
          if (e.status === 401) ctx.logger.warn({ reason: e.message }, 'feishu request rejected');
          send(res, e.status, { error: e.message });
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
