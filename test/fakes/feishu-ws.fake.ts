// A loopback fake of Feishu/Lark's long-connection gateway, as the official node-sdk WSClient sees it:
// 1. `POST <domain>/callback/ws/endpoint` with `{AppID, AppSecret}` answers `{code: 0, data: {URL,
//    ClientConfig}}` (served by the Open API fake, see setWsEndpoint);
// 2. the client opens a WebSocket to URL and talks in protobuf `pbbp2.Frame`s: control frames
//    (method 0: ping → pong carrying ClientConfig) and data frames (method 1) whose headers say
//    type/message_id/sum/seq/trace_id and whose payload is the event JSON, possibly split in `sum`
//    fragments; the client answers each complete data frame with the same frame, a `biz_rt` header
//    and payload `{"code":200,"data":base64(JSON of the handler's result)}`.
// The frames are encoded here by hand (a dozen lines of protobuf), independently of the SDK's encoder.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeFeishuApi } from './feishu-api.fake.js';

// ---- pbbp2.Frame, by hand --------------------------------------------------------------------------

export interface FrameHeader {
  key: string;
  value: string;
}

/** `pbbp2.Frame`: SeqID=1, LogID=2, service=3, method=4 (0 control, 1 data), headers=5, payload=8. */
export interface WsFrame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: FrameHeader[];
  payloadEncoding?: string;
  payloadType?: string;
  payload?: Uint8Array;
  LogIDNew?: string;
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const field = (no: number, wire: 0 | 2) => varint(no * 8 + wire);
const lenField = (no: number, bytes: Uint8Array) => Buffer.concat([Buffer.from([...field(no, 2), ...varint(bytes.length)]), bytes]);

export function encodeFrame(f: WsFrame): Buffer {
  const parts: Buffer[] = [
    Buffer.from([...field(1, 0), ...varint(f.SeqID), ...field(2, 0), ...varint(f.LogID), ...field(3, 0), ...varint(f.service), ...field(4, 0), ...varint(f.method)]),
    ...f.headers.map((h) => lenField(5, Buffer.concat([lenField(1, utf8(h.key)), lenField(2, utf8(h.value))]))),
  ];
  if (f.payloadEncoding !== undefined) parts.push(lenField(6, utf8(f.payloadEncoding)));
  if (f.payloadType !== undefined) parts.push(lenField(7, utf8(f.payloadType)));
  if (f.payload !== undefined) parts.push(lenField(8, f.payload));
  if (f.LogIDNew !== undefined) parts.push(lenField(9, utf8(f.LogIDNew)));
  return Buffer.concat(parts);
}

/** Walk the fields of one message: [field number, varint value | bytes]. */
function* fields(buf: Uint8Array): Generator<[number, number | Uint8Array]> {
  let pos = 0;
  const readVarint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++]!;
      value += (b & 0x7f) * scale;
      scale *= 0x80;
      if (b < 0x80) return value;
    }
  };
  while (pos < buf.length) {
    const tag = readVarint();
    const wire = tag % 8;
    const no = Math.floor(tag / 8);
    if (wire === 0) yield [no, readVarint()];
    else if (wire === 2) {
      const len = readVarint();
      if (pos + len > buf.length) throw new Error('truncated bytes field');
      yield [no, buf.subarray(pos, pos + len)];
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const text = (v: number | Uint8Array) => (typeof v === 'number' ? String(v) : Buffer.from(v).toString('utf8'));
const num = (v: number | Uint8Array) => (typeof v === 'number' ? v : NaN);

export function decodeFrame(buf: Uint8Array): WsFrame {
  const f: WsFrame = { SeqID: NaN, LogID: NaN, service: NaN, method: NaN, headers: [] };
  for (const [no, v] of fields(buf)) {
    if (no === 1) f.SeqID = num(v);
    else if (no === 2) f.LogID = num(v);
    else if (no === 3) f.service = num(v);
    else if (no === 4) f.method = num(v);
    else if (no === 5 && typeof v !== 'number') {
      const h: FrameHeader = { key: '', value: '' };
      for (const [hn, hv] of fields(v)) {
        if (hn === 1) h.key = text(hv);
        else if (hn === 2) h.value = text(hv);
      }
      f.headers.push(h);
    } else if (no === 6) f.payloadEncoding = text(v);
    else if (no === 7) f.payloadType = text(v);
    else if (no === 8 && typeof v !== 'number') f.payload = Buffer.from(v);
    else if (no === 9) f.LogIDNew = text(v);
  }
  return f;
}

export const headerMap = (f: WsFrame): Record<string, string> => Object.fromEntries(f.headers.map((h) => [h.key, h.value]));

// ---- the gateway -----------------------------------------------------------------------------------

/** What the endpoint hands out (seconds), as Feishu does. */
export interface WsClientConfig {
  PingInterval: number;
  ReconnectCount: number;
  ReconnectInterval: number;
  ReconnectNonce: number;
}

/** The client's answer to one data frame. */
export interface WsAck {
  frame: WsFrame;
  headers: Record<string, string>;
  /** 200, or 500 when the handler threw. */
  code: number;
  /** The handler's result (base64 JSON decoded), or undefined when the ack carried none. */
  data: unknown;
  /** ms from sending the last fragment to the ack. */
  latencyMs: number;
}

export interface PushOptions {
  /** Frame `type` header (default 'event'). */
  type?: string;
  /** Split the payload in this many fragments (sum/seq headers). Default 1. */
  fragments?: number;
  /** Frame message_id (default: a fresh one; Feishu redelivers with a new one). */
  messageId?: string;
  /** How long to wait for the ack; null is returned after that. Default 2000 ms. */
  ackTimeoutMs?: number;
}

export interface FakeFeishuWs {
  /** Bodies of every endpoint request (they carry AppID and AppSecret). */
  readonly endpointCalls: Array<Record<string, unknown>>;
  /** Ping frames received. */
  readonly pings: WsFrame[];
  /** Upgrade attempts refused (wrong path or unknown ticket). */
  readonly refusedUpgrades: number;
  /** WebSocket connections accepted so far, and open now. */
  readonly accepted: number;
  readonly open: number;
  readonly serviceId: number;
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** When true, the endpoint answers code 1000040343 (internal error: the SDK retries later). */
  busy: boolean;
  /** When false, pings get no pong (a half-open connection, as the client sees it). Default true. */
  answerPings: boolean;
  /** Cut every connection from the server side, as a gateway restart or a network drop would. */
  drop(): void;
  /** Push one event/callback envelope to one ready client (waits up to 2 s for one) and wait for its ack. */
  push(envelope: unknown, options?: PushOptions): Promise<WsAck | null>;
  close(): Promise<void>;
}

export interface FakeFeishuWsOptions {
  appId: string;
  appSecret: string;
  clientConfig?: Partial<WsClientConfig>;
}

/** Start the gateway and register its endpoint on the Open API fake (same `domain` for the SDK). */
export async function startFakeFeishuWs(api: FakeFeishuApi, options: FakeFeishuWsOptions): Promise<FakeFeishuWs> {
  const clientConfig: WsClientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30, ...options.clientConfig };
  const serviceId = 33;
  const endpointCalls: Array<Record<string, unknown>> = [];
  const pings: WsFrame[] = [];
  const tickets = new Set<string>();
  const clients: WebSocket[] = [];
  // Clients that have sent a ping. node-sdk 1.74 attaches its 'message' listener a few ticks after
  // 'open' (WSClient.connect → communicate), so a frame arriving with the handshake is lost; the
  // first ping (sent from 'open', read by us a turn later) says the listener is in place.
  const ready = new WeakSet<WebSocket>();
  const sockets = new Set<Socket>();
  const changed = new EventEmitter();
  const waiting = new Map<string, (ack: WsAck) => void>();
  let refusedUpgrades = 0;
  let accepted = 0;
  let seq = 0;
  let closed = false;

  const server: Server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  api.setWsEndpoint((body: Record<string, unknown>) => {
    endpointCalls.push(body ?? {});
    if (gateway.busy) return { code: 1000040343, msg: 'internal error', data: {} };
    if (body?.AppID !== options.appId || body?.AppSecret !== options.appSecret) return { code: 514, msg: 'auth failed', data: {} };
    const ticket = randomBytes(12).toString('hex');
    tickets.add(ticket);
    // The real URL also starts with other parameters; the SDK reads device_id/service_id with qs.
    const connectUrl = `ws://127.0.0.1:${port}/ws/v2?fpid=493&aid=552564&device_id=dev-fake-1&access_key=ak&service_id=${serviceId}&ticket=${ticket}`;
    return { code: 0, msg: 'ok', data: { URL: connectUrl, ClientConfig: clientConfig } };
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/ws/v2' || !tickets.delete(ticket)) {
      refusedUpgrades += 1;
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      accepted += 1;
      clients.push(ws);
      changed.emit('change');
      // binaryType 'nodebuffer' (the default): every message is one Buffer.
      ws.on('message', (raw) => onFrame(ws, raw as Buffer));
      ws.on('close', () => {
        clients.splice(clients.indexOf(ws), 1);
        changed.emit('change');
      });
      ws.on('error', () => undefined);
    });
  });

  const onFrame = (ws: WebSocket, raw: Buffer) => {
    const frame = decodeFrame(raw);
    const h = headerMap(frame);
    if (frame.method === 0) {
      if (h.type === 'ping') {
        pings.push(frame);
        ready.add(ws);
        changed.emit('change');
        if (gateway.answerPings) ws.send(encodeFrame({ ...frame, headers: [{ key: 'type', value: 'pong' }], payload: utf8(JSON.stringify(clientConfig)) }));
      }
      return;
    }
    const resolve = h.message_id ? waiting.get(h.message_id) : undefined;
    if (!resolve) return;
    const body = JSON.parse(Buffer.from(frame.payload ?? new Uint8Array()).toString('utf8')) as { code: number; data?: string };
    let data: unknown;
    if (typeof body.data === 'string') {
      const decoded = Buffer.from(body.data, 'base64').toString('utf8');
      try {
        data = JSON.parse(decoded);
      } catch {
        data = decoded;
      }
    }
    resolve({ frame, headers: h, code: body.code, data, latencyMs: 0 });
  };

  const waitFor = (what: string, predicate: () => boolean, timeoutMs = 3000) => new Promise<void>((resolve, reject) => {
    if (predicate()) return resolve();
    const timer = setTimeout(() => {
      changed.off('change', check);
      reject(new Error(`fake Feishu gateway: timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const check = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      changed.off('change', check);
      resolve();
    };
    changed.on('change', check);
  });

  const push = async (envelope: unknown, o: PushOptions = {}): Promise<WsAck | null> => {
    const readyClient = () => clients.find((c) => c.readyState === WebSocket.OPEN && ready.has(c));
    await waitFor('a connected client that has pinged', () => readyClient() !== undefined, 2000);
    const ws = readyClient()!;
    seq += 1;
    const messageId = o.messageId ?? `msg_fake_${seq}_${randomBytes(4).toString('hex')}`;
    const bytes = utf8(JSON.stringify(envelope));
    const n = Math.max(1, o.fragments ?? 1);
    const size = Math.ceil(bytes.length / n);
    const acked = new Promise<WsAck | null>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(messageId);
        resolve(null);
      }, o.ackTimeoutMs ?? 2000);
      waiting.set(messageId, (ack) => {
        clearTimeout(timer);
        waiting.delete(messageId);
        resolve({ ...ack, latencyMs: Date.now() - sentAt });
      });
    });
    let sentAt = Date.now();
    for (let i = 0; i < n; i += 1) {
      const headers: FrameHeader[] = [
        { key: 'type', value: o.type ?? 'event' },
        { key: 'message_id', value: messageId },
        { key: 'sum', value: String(n) },
        { key: 'seq', value: String(i) },
        { key: 'trace_id', value: `trace-${seq}` },
      ];
      ws.send(encodeFrame({ SeqID: seq, LogID: 1000 + seq, service: serviceId, method: 1, headers, payload: bytes.subarray(i * size, (i + 1) * size) }));
      sentAt = Date.now();
    }
    return acked;
  };

  const gateway: FakeFeishuWs = {
    endpointCalls, pings, serviceId,
    busy: false,
    answerPings: true,
    get refusedUpgrades() {
      return refusedUpgrades;
    },
    get accepted() {
      return accepted;
    },
    get open() {
      return clients.length;
    },
    waitFor, push,
    drop() {
      for (const c of [...clients]) c.terminate();
    },
    close: () => new Promise<void>((resolve) => {
      if (closed) return resolve();
      closed = true;
      api.setWsEndpoint(null);
      for (const c of [...clients]) c.terminate();
      for (const s of sockets) s.destroy();
      wss.close();
      server.close(() => resolve());
    }),
  };
  return gateway;
}
