// A loopback stand-in for Slack's Socket Mode: the fake Web API answers `apps.connections.open` with
// `ws://127.0.0.1:<port>/link`, and a `ws` server there says hello, sends the envelopes a test pushes
// and records the client's acks (`{envelope_id, payload}`).
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackApiOptions } from './slack-api.fake.js';

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

export interface FakeSocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface EnvelopeOptions {
  envelopeId?: string;
  /** Events API redeliveries: 1, 2, 3 (with a reason such as `timeout`). */
  retryAttempt?: number;
  retryReason?: string;
  /** Defaults as on Slack: false for events, true for interactions and commands. */
  acceptsResponsePayload?: boolean;
}

export interface FakeSlackSocket {
  /** The fake Web API; its `apps.connections.open` points at this server. */
  readonly api: FakeSlackApi;
  /** `ws://127.0.0.1:<port>/link`. */
  readonly url: string;
  /** Every ack received, in order. */
  readonly acks: FakeSocketAck[];
  /** Messages from the client that were not acks (should stay empty). */
  readonly strays: unknown[];
  /** Connections accepted so far, and close codes of those that ended. */
  readonly connections: number;
  readonly closeCodes: number[];
  openConnections(): number;
  /** Send an envelope on the newest open connection; returns its envelope_id. */
  send(type: EnvelopeType, payload: unknown, options?: EnvelopeOptions): string;
  /** Send any frame as is (malformed-input tests). */
  sendRaw(frame: string): void;
  /** Slack's `disconnect` message: the client should close and reconnect. */
  requestReconnect(reason?: string): void;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<FakeSocketAck>;
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Wait until no connection is open. */
  waitForNoConnection(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

async function until(check: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`fake Slack socket: ${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function startFakeSlackSocket(apiOptions: Omit<FakeSlackApiOptions, 'socketUrl'> = {}): Promise<FakeSlackSocket> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/link' });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  const api = await startFakeSlackApi({ ...apiOptions, socketUrl: url });
  const acks: FakeSocketAck[] = [];
  const strays: unknown[] = [];
  const closeCodes: number[] = [];
  const open: WebSocket[] = [];
  let connections = 0;

  wss.on('connection', (ws) => {
    connections += 1;
    open.push(ws);
    ws.on('message', (data, isBinary) => {
      let msg: unknown;
      try {
        msg = JSON.parse(isBinary ? '' : String(data));
      } catch {
        msg = String(data);
      }
      const m = msg as Partial<FakeSocketAck> | null;
      if (m && typeof m === 'object' && typeof m.envelope_id === 'string') acks.push(m as FakeSocketAck);
      else strays.push(msg);
    });
    ws.on('close', (code) => {
      closeCodes.push(code);
      const i = open.indexOf(ws);
      if (i >= 0) open.splice(i, 1);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0RADAR' } }));
  });

  const newest = (): WebSocket => {
    const ws = open[open.length - 1];
    if (!ws) throw new Error('fake Slack socket: no open connection');
    return ws;
  };

  return {
    api,
    url,
    acks,
    strays,
    get connections() {
      return connections;
    },
    closeCodes,
    openConnections: () => open.length,
    send(type, payload, options = {}) {
      const envelopeId = options.envelopeId ?? randomUUID();
      const envelope: Record<string, unknown> = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
      };
      if (type === 'events_api') {
        envelope.retry_attempt = options.retryAttempt ?? 0;
        envelope.retry_reason = options.retryReason ?? '';
      }
      newest().send(JSON.stringify(envelope));
      return envelopeId;
    },
    sendRaw: (frame) => newest().send(frame),
    requestReconnect(reason = 'refresh_requested') {
      newest().send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
    },
    async waitForAck(envelopeId, timeoutMs = 3000) {
      await until(() => acks.some((a) => a.envelope_id === envelopeId), () => `no ack for ${envelopeId}`, timeoutMs);
      return acks.find((a) => a.envelope_id === envelopeId) as FakeSocketAck;
    },
    waitForConnections: (count, timeoutMs = 3000) => until(() => connections >= count && open.length > 0, () => `${connections} connections, expected ${count}`, timeoutMs),
    waitForNoConnection: (timeoutMs = 3000) => until(() => open.length === 0, () => `${open.length} connections still open`, timeoutMs),
    async close() {
      for (const ws of open.splice(0)) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await api.close();
    },
  };
}
