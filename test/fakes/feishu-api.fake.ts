// A loopback fake of the Feishu/Lark Open API, answering like the real one for the calls we make.
// Records every call, stores messages (honouring `uuid` idempotency), and injects faults per route.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FeishuRoute = 'token' | 'create' | 'reply' | 'patch' | 'batchGetId' | 'botInfo' | 'wsEndpoint' | 'ephemeral' | 'imageUpload';

/** A card sent with /open-apis/ephemeral/v1/send: only `open_id` sees it, in no chat history. */
export interface EphemeralCard {
  message_id: string;
  chat_id: string;
  open_id: string;
  card: any;
}

export type FeishuFault =
  /** HTTP 429 with `x-ogw-ratelimit-reset` seconds and code 99991400. */
  | { kind: 'http429'; resetSeconds: number }
  /** An answer with this code (HTTP 200 unless `status` says otherwise), e.g. 99991400, 230020, 230002. */
  | { kind: 'code'; code: number; msg?: string; status?: number; resetSeconds?: number }
  /** A bare HTTP status (e.g. 500) with a generic body. */
  | { kind: 'status'; status: number }
  /** Never answer (the client's timeout must fire). */
  | { kind: 'timeout' }
  /** Destroy the connection without answering. */
  | { kind: 'drop' };

export interface RecordedCall {
  route: FeishuRoute | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  /** The bytes as sent (multipart uploads). */
  rawBody?: Buffer;
}

/** An image uploaded through im/v1/images. */
export interface StoredImage {
  image_key: string;
  image_type: string;
  bytes: Buffer;
}

export interface StoredMessage {
  message_id: string;
  chat_id: string;
  receive_id_type: string | null;
  receive_id: string | null;
  msg_type: string;
  /** Latest content (after patches), parsed JSON. */
  card: any;
  uuid: string | null;
  /** Message this one replies to. */
  parent_id: string | null;
  /** Every content it had, oldest first. */
  history: any[];
  /** When it was sent (ms, the fake's clock; tests may set it): Card 2.0 messages can be patched only for 14 days. */
  sent_at?: number;
}

/** Feishu refuses `message.patch` of a message sent more than 14 days ago with this code (HTTP 400). */
export const MESSAGE_UPDATE_EXPIRED_CODE = 230031;
const UPDATE_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

export interface FakeFeishuApi {
  /** Base URL, e.g. http://127.0.0.1:41234 (use as the SDK `domain`). */
  readonly url: string;
  readonly calls: RecordedCall[];
  readonly messages: StoredMessage[];
  /** Ephemeral ("仅对你可见") cards; not in `messages`, as they are in no chat's history. */
  readonly ephemerals: EphemeralCard[];
  /** Chats that are topic groups, where Feishu refuses ephemeral cards. */
  readonly topicChats: Set<string>;
  /** Known users by email → open_id (for batch_get_id). */
  readonly users: Map<string, string>;
  /** Images uploaded through POST /open-apis/im/v1/images, by image_key. */
  readonly images: Map<string, StoredImage>;
  readonly bot: { open_id: string; app_name: string };
  /** The next `times` calls of `route` get `fault`. */
  failNext(route: FeishuRoute, fault: FeishuFault, times?: number): void;
  callsTo(route: FeishuRoute): RecordedCall[];
  /** The fake's clock (send times and the 14-day patch window); default Date.now. */
  setNow(now: () => number): void;
  /**
   * Answer `POST /callback/ws/endpoint` (long-connection discovery; authenticated by AppID/AppSecret in
   * the body, no bearer token) with `answer(body)`. Unset: 404. Used by the WS fake.
   */
  setWsEndpoint(answer: ((body: any) => unknown) | null): void;
  close(): Promise<void>;
}

const ROUTES: Array<[string, RegExp, FeishuRoute]> = [
  ['POST', /^\/open-apis\/auth\/v3\/tenant_access_token\/internal$/, 'token'],
  ['POST', /^\/open-apis\/im\/v1\/messages$/, 'create'],
  ['POST', /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/, 'reply'],
  ['PATCH', /^\/open-apis\/im\/v1\/messages\/([^/]+)$/, 'patch'],
  ['POST', /^\/open-apis\/contact\/v3\/users\/batch_get_id$/, 'batchGetId'],
  ['GET', /^\/open-apis\/bot\/v3\/info\/?$/, 'botInfo'],
  ['POST', /^\/callback\/ws\/endpoint$/, 'wsEndpoint'],
  ['POST', /^\/open-apis\/ephemeral\/v1\/send$/, 'ephemeral'],
  ['POST', /^\/open-apis\/im\/v1\/images$/, 'imageUpload'],
];

/** The fields of a multipart/form-data body: name → bytes. */
function multipart(raw: Buffer, contentType: string): Map<string, Buffer> | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return null;
  const delim = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const out = new Map<string, Buffer>();
  let at = raw.indexOf(delim);
  while (at >= 0) {
    const next = raw.indexOf(delim, at + delim.length);
    if (next < 0) break;
    const part = raw.subarray(at + delim.length + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd >= 0) {
      const name = /name="([^"]+)"/.exec(part.subarray(0, headEnd).toString('utf8'))?.[1];
      if (name) out.set(name, part.subarray(headEnd + 4));
    }
    at = next;
  }
  return out;
}

export async function startFakeFeishuApi(): Promise<FakeFeishuApi> {
  const calls: RecordedCall[] = [];
  const messages: StoredMessage[] = [];
  const ephemerals: EphemeralCard[] = [];
  const topicChats = new Set<string>();
  const users = new Map<string, string>();
  const images = new Map<string, StoredImage>();
  const bot = { open_id: 'ou_bot000000000000000000000000', app_name: 'Sales Radar' };
  const faults = new Map<FeishuRoute, FeishuFault[]>();
  const sockets = new Set<Socket>();
  let seq = 0;
  let wsEndpoint: ((body: any) => unknown) | null = null;
  let now = () => Date.now();

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const ok = (res: ServerResponse, data: unknown) => json(res, 200, { code: 0, msg: 'success', data });

  const store = (m: Omit<StoredMessage, 'message_id' | 'history' | 'sent_at'>): StoredMessage => {
    const existing = m.uuid ? messages.find((x) => x.uuid === m.uuid) : undefined;
    if (existing) return existing;
    seq += 1;
    const msg: StoredMessage = { ...m, message_id: `om_fake${String(seq).padStart(6, '0')}`, history: [m.card], sent_at: now() };
    messages.push(msg);
    return msg;
  };

  const handle = (route: FeishuRoute, match: RegExpExecArray, call: RecordedCall, res: ServerResponse) => {
    const body = call.body ?? {};
    switch (route) {
      case 'imageUpload': {
        // As Feishu: multipart with image_type (message|avatar) and the image file; answers data.image_key.
        const fields = multipart(call.rawBody ?? Buffer.alloc(0), String(call.headers['content-type'] ?? ''));
        const type = fields?.get('image_type')?.toString('utf8');
        const bytes = fields?.get('image');
        if (!fields || !bytes || bytes.length === 0) return json(res, 400, { code: 234001, msg: 'Invalid request param.' });
        if (type !== 'message' && type !== 'avatar') return json(res, 400, { code: 234001, msg: 'Invalid request param: image_type.' });
        if (bytes.length > 10 * 1024 * 1024) return json(res, 400, { code: 234006, msg: 'The file size exceed the max value.' });
        if (!bytes.subarray(1, 4).equals(Buffer.from('PNG')) && bytes[0] !== 0xff) return json(res, 400, { code: 234011, msg: "Can't recognise image format." });
        const image_key = `img_v3_fake${String(images.size + 1).padStart(4, '0')}`;
        images.set(image_key, { image_key, image_type: type, bytes: Buffer.from(bytes) });
        return ok(res, { image_key });
      }
      case 'token':
        if (!body.app_id || !body.app_secret) return json(res, 400, { code: 10003, msg: 'invalid param' });
        return json(res, 200, { code: 0, msg: 'ok', tenant_access_token: `t-fake-${body.app_id}`, expire: 7200 });
      case 'botInfo':
        return json(res, 200, { code: 0, msg: 'ok', bot: { ...bot, activate_status: 2 } });
      case 'wsEndpoint':
        return wsEndpoint ? json(res, 200, wsEndpoint(body)) : json(res, 404, { code: 404, msg: 'not found' });
      case 'create': {
        const type = call.query.receive_id_type ?? null;
        const msg = store({
          chat_id: type === 'chat_id' ? body.receive_id : `oc_p2p_${body.receive_id}`,
          receive_id_type: type, receive_id: body.receive_id ?? null, msg_type: body.msg_type,
          card: safeParse(body.content), uuid: body.uuid ?? null, parent_id: null,
        });
        return ok(res, { message_id: msg.message_id, chat_id: msg.chat_id, msg_type: msg.msg_type });
      }
      case 'reply': {
        const parent = messages.find((m) => m.message_id === match[1]);
        if (!parent) return json(res, 400, { code: 230011, msg: 'message not found' });
        const msg = store({
          chat_id: parent.chat_id, receive_id_type: null, receive_id: null, msg_type: body.msg_type,
          card: safeParse(body.content), uuid: body.uuid ?? null, parent_id: parent.message_id,
        });
        return ok(res, { message_id: msg.message_id, chat_id: msg.chat_id, parent_id: parent.message_id });
      }
      case 'patch': {
        const msg = messages.find((m) => m.message_id === match[1]);
        if (!msg) return json(res, 400, { code: 230011, msg: 'message not found' });
        if (now() - (msg.sent_at ?? now()) > UPDATE_WINDOW_MS) {
          return json(res, 400, { code: MESSAGE_UPDATE_EXPIRED_CODE, msg: 'Message has expired when updating message, ext=Message can only be updated within fourteen days.' });
        }
        msg.card = safeParse(body.content);
        msg.history.push(msg.card);
        return ok(res, {});
      }
      case 'ephemeral': {
        // As documented: chat_id + one of open_id/user_id/email, msg_type interactive, `card` an
        // object (not a string); normal groups only. (Error codes here are the fake's choice.)
        const who = body.open_id ?? body.user_id ?? body.email;
        if (typeof body.chat_id !== 'string' || typeof who !== 'string' || body.msg_type !== 'interactive' || typeof body.card !== 'object' || body.card === null) {
          return json(res, 400, { code: 99992402, msg: 'field validation failed' });
        }
        if (body.chat_id.startsWith('oc_p2p_') || topicChats.has(body.chat_id)) return json(res, 200, { code: 230001, msg: 'chat type not supported for ephemeral cards' });
        seq += 1;
        const e: EphemeralCard = { message_id: `om_eph${String(seq).padStart(6, '0')}`, chat_id: body.chat_id, open_id: who, card: body.card };
        ephemerals.push(e);
        return ok(res, { message_id: e.message_id });
      }
      case 'batchGetId': {
        const emails: string[] = Array.isArray(body.emails) ? body.emails : [];
        return ok(res, { user_list: emails.map((e) => (users.has(e) ? { email: e, user_id: users.get(e) } : { email: e })) });
      }
    }
  };

  const applyFault = (fault: FeishuFault, req: IncomingMessage, res: ServerResponse): void => {
    switch (fault.kind) {
      case 'http429':
        return json(res, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': String(fault.resetSeconds) });
      case 'code':
        return json(res, fault.status ?? 200, { code: fault.code, msg: fault.msg ?? `fake error ${fault.code}` },
          fault.resetSeconds !== undefined ? { 'x-ogw-ratelimit-reset': String(fault.resetSeconds) } : {});
      case 'status':
        return json(res, fault.status, { code: 1500 + fault.status, msg: 'internal error' });
      case 'timeout':
        return; // hold the request open; close() destroys the socket
      case 'drop':
        req.socket.destroy();
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      const found = ROUTES.map(([m, re, r]) => (m === req.method ? ([re.exec(url.pathname), r] as const) : null)).find((x) => x && x[0]);
      const call: RecordedCall = {
        route: found ? found[1] : 'unknown', method: req.method ?? '', path: url.pathname,
        query: Object.fromEntries(url.searchParams), headers: req.headers, body: raw ? safeParse(raw) : null,
        rawBody: Buffer.concat(chunks),
      };
      calls.push(call);
      if (!found) return json(res, 404, { code: 404, msg: 'not found' });
      const route = found[1];
      const queue = faults.get(route);
      const fault = queue?.shift();
      if (fault) return applyFault(fault, req, res);
      if (route !== 'token' && route !== 'wsEndpoint' && !String(req.headers.authorization ?? '').startsWith('Bearer t-fake-')) {
        return json(res, 401, { code: 99991663, msg: 'invalid access token' });
      }
      handle(route, found[0]!, call, res);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls, messages, ephemerals, topicChats, users, bot, images,
    failNext(route, fault, times = 1) {
      const queue = faults.get(route) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(fault);
      faults.set(route, queue);
    },
    callsTo: (route) => calls.filter((c) => c.route === route),
    setNow(fn) {
      now = fn;
    },
    setWsEndpoint(answer) {
      wsEndpoint = answer;
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

function safeParse(s: unknown): any {
  if (typeof s !== 'string') return s;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
