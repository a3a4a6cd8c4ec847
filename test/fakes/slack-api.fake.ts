// A loopback stand-in for the Slack Web API: `POST /api/<method>`, form-encoded or JSON, answering
// like Slack for the methods the adapter uses. Records every call; can inject 429s, 500s, hangs,
// dropped connections and `{ok:false,error}` for the next N calls of a method.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackCall {
  method: string;
  /** Parsed arguments; `blocks`, `view`, `metadata` and `attachments` JSON strings are parsed. */
  args: Record<string, any>;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  user: string;
  bot_id: string;
}

/** An ephemeral message: only `user` sees it, it is in no history and cannot be updated. */
export interface FakeSlackEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
}

export interface FakeSlackUser {
  id: string;
  email: string;
  name: string;
  deleted?: boolean;
  tz?: string;
  locale?: string;
}

export interface FakeSlackFile {
  id: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  bytes: Buffer | null;
  completed: boolean;
  title?: string;
}

/** One injected failure. `times` defaults to 1. */
export type FakeSlackFault =
  | { kind: 'error'; error: string; times?: number }
  | { kind: 'status'; status: number; retryAfter?: number; times?: number }
  | { kind: 'hang'; times?: number }
  /** Do the call (e.g. post the message), then never answer: the caller cannot know it succeeded. */
  | { kind: 'commitThenHang'; times?: number }
  | { kind: 'drop'; times?: number };

export interface FakeSlackApi {
  /** Base URL for `slackApiUrl`, ending in `/api/`. */
  readonly url: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly calls: FakeSlackCall[];
  readonly messages: FakeSlackMessage[];
  /** chat.postEphemeral deliveries (not in `messages`: Slack keeps no history of them). */
  readonly ephemerals: FakeSlackEphemeral[];
  /** Who is in a channel; chat.postEphemeral to anyone else fails with user_not_in_channel, as on Slack. */
  setChannelMembers(channel: string, userIds: string[]): void;
  callsTo(method: string): FakeSlackCall[];
  addUser(user: FakeSlackUser): void;
  /** Inject a failure for the next call(s) of `method`. */
  fail(method: string, fault: FakeSlackFault): void;
  /**
   * auth.test failure mode: every auth.test call fails this way until cleared with null (an outage:
   * `{kind: 'status', status: 503}`, a refused token: `{kind: 'error', error: 'invalid_auth'}`).
   */
  failAuthTest(fault: FakeSlackFault | null): void;
  /** Wait until `method` has been called `count` times (default 1) or throw after `timeoutMs`. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<FakeSlackCall[]>;
  /** DM channel id the fake gives a user. */
  dmOf(userId: string): string;
  /** Files by id: reserved by files.getUploadURLExternal, bytes from the upload URL, completed by files.completeUploadExternal. */
  readonly files: Map<string, FakeSlackFile>;
  close(): Promise<void>;
}

const JSON_ARGS = ['blocks', 'view', 'metadata', 'attachments', 'files'];

async function readArgs(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  let args: Record<string, any> = {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    args = raw ? (JSON.parse(raw) as Record<string, any>) : {};
  } else {
    for (const [k, v] of new URLSearchParams(raw)) args[k] = v;
  }
  for (const k of JSON_ARGS) {
    if (typeof args[k] === 'string') {
      try {
        args[k] = JSON.parse(args[k] as string);
      } catch {
        /* keep the raw string: the test will see it */
      }
    }
  }
  delete args.token;
  return args;
}

export interface FakeSlackApiOptions {
  botUserId?: string;
  botId?: string;
  users?: FakeSlackUser[];
  /** Where `apps.connections.open` sends Socket Mode clients (see slack-socket.fake.ts); unset: unknown_method. */
  socketUrl?: string;
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const botUserId = options.botUserId ?? 'UBOT0001';
  const botId = options.botId ?? 'BBOT0001';
  const calls: FakeSlackCall[] = [];
  const messages: FakeSlackMessage[] = [];
  const ephemerals: FakeSlackEphemeral[] = [];
  const members = new Map<string, Set<string>>();
  const users = new Map<string, FakeSlackUser>();
  for (const u of options.users ?? []) users.set(u.id, u);
  const faults = new Map<string, FakeSlackFault[]>();
  let authFault: FakeSlackFault | null = null;
  const waiters: Array<() => void> = [];
  let tsCounter = 0;
  let viewCounter = 0;
  const files = new Map<string, FakeSlackFile>();
  let fileCounter = 0;
  let baseUrl = '';
  const dmOf = (userId: string): string => `D${userId.replace(/^[UW]/, '')}`;
  const nextTs = (): string => `1700000000.${String(++tsCounter).padStart(6, '0')}`;
  const channelOf = (c: string): string => (/^[UW]/.test(c) ? dmOf(c) : c);

  function takeFault(method: string): FakeSlackFault | undefined {
    const list = faults.get(method);
    const f = list?.[0];
    if (!f || !list) return undefined;
    const left = (f.times ?? 1) - 1;
    if (left <= 0) list.shift();
    else list[0] = { ...f, times: left };
    return f;
  }

  function answer(method: string, a: Record<string, any>, authorization?: string): Record<string, unknown> {
    switch (method) {
      case 'apps.connections.open':
        if (!options.socketUrl) return { ok: false, error: 'unknown_method' };
        // Only an app-level token may open a connection, as on Slack.
        return /^Bearer xapp-/.test(authorization ?? '') ? { ok: true, url: options.socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'radar', team_id: 'T0000001', user_id: botUserId, bot_id: botId };
      case 'users.lookupByEmail': {
        const email = String(a.email ?? '').toLowerCase();
        const u = [...users.values()].find((x) => x.email.toLowerCase() === email);
        // As on Slack: tz, but never `locale` (only users.info with include_locale has it).
        return u ? { ok: true, user: { id: u.id, name: u.name, deleted: !!u.deleted, tz: u.tz, profile: { email: u.email } } } : { ok: false, error: 'users_not_found' };
      }
      case 'users.info': {
        const u = users.get(String(a.user));
        const withLocale = a.include_locale === true || a.include_locale === 'true';
        return u ? { ok: true, user: { id: u.id, name: u.name, deleted: !!u.deleted, tz: u.tz, ...(withLocale ? { locale: u.locale } : {}) } } : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.open': {
        const first = String(a.users ?? '').split(',')[0] ?? '';
        return first ? { ok: true, channel: { id: dmOf(first) } } : { ok: false, error: 'users_list_not_supplied' };
      }
      case 'conversations.history': {
        const channel = String(a.channel);
        const limit = Number(a.limit ?? 100);
        const withMeta = a.include_all_metadata === true || a.include_all_metadata === 'true';
        const list = messages.filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts)).reverse().slice(0, limit);
        return { ok: true, has_more: false, messages: list.map((m) => (withMeta ? { ...m } : { ...m, metadata: undefined })) };
      }
      case 'conversations.replies': {
        const channel = String(a.channel);
        const ts = String(a.ts);
        const withMeta = a.include_all_metadata === true || a.include_all_metadata === 'true';
        const list = messages.filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts));
        return list.length === 0 ? { ok: false, error: 'thread_not_found' } : { ok: true, has_more: false, messages: list.map((m) => (withMeta ? { ...m } : { ...m, metadata: undefined })) };
      }
      case 'files.getUploadURLExternal': {
        // As on Slack: filename and a positive byte length are required; the upload URL is single-use.
        const length = Number(a.length);
        if (!a.filename) return { ok: false, error: 'invalid_arguments' };
        if (!Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        const id = `F${String(++fileCounter).padStart(10, '0')}`;
        files.set(id, { id, filename: String(a.filename), length, bytes: null, completed: false });
        return { ok: true, upload_url: `${baseUrl}upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const list = Array.isArray(a.files) ? (a.files as Array<{ id?: string; title?: string }>) : null;
        if (!list || list.length === 0) return { ok: false, error: 'invalid_arguments' };
        const done: FakeSlackFile[] = [];
        for (const f of list) {
          const file = f.id ? files.get(f.id) : undefined;
          // Slack answers file_not_found until the bytes have been posted to the upload URL.
          if (!file || !file.bytes) return { ok: false, error: 'file_not_found' };
          file.completed = true;
          if (f.title) file.title = f.title;
          done.push(file);
        }
        return { ok: true, files: done.map((f) => ({ id: f.id, name: f.filename, title: f.title ?? f.filename, mimetype: 'image/png', size: f.length })) };
      }
      case 'chat.postMessage': {
        // An image block may show only a file whose upload was completed.
        for (const b of (Array.isArray(a.blocks) ? a.blocks : []) as Array<{ type?: string; slack_file?: { id?: string } }>) {
          if (b.type === 'image' && b.slack_file && !files.get(b.slack_file.id ?? '')?.completed) return { ok: false, error: 'invalid_blocks' };
        }
        const msg: FakeSlackMessage = {
          channel: channelOf(String(a.channel)),
          ts: nextTs(),
          text: String(a.text ?? ''),
          blocks: Array.isArray(a.blocks) ? a.blocks : [],
          user: botUserId,
          bot_id: botId,
        };
        if (a.thread_ts) msg.thread_ts = String(a.thread_ts);
        if (a.metadata && typeof a.metadata === 'object') msg.metadata = a.metadata;
        messages.push(msg);
        return { ok: true, channel: msg.channel, ts: msg.ts, message: msg };
      }
      case 'chat.update': {
        const msg = messages.find((m) => m.channel === String(a.channel) && m.ts === String(a.ts));
        if (!msg) return { ok: false, error: 'message_not_found' };
        msg.text = String(a.text ?? msg.text);
        if (Array.isArray(a.blocks)) msg.blocks = a.blocks;
        return { ok: true, channel: msg.channel, ts: msg.ts, text: msg.text };
      }
      case 'chat.postEphemeral': {
        // Slack needs both; the user must be in the channel (DMs: the fake's D… of that user).
        const channel = channelOf(String(a.channel ?? ''));
        const user = String(a.user ?? '');
        if (!a.channel) return { ok: false, error: 'channel_not_found' };
        const inChannel = members.get(channel)?.has(user) ?? (channel.startsWith('D') ? channel === dmOf(user) : true);
        if (!user || !inChannel) return { ok: false, error: 'user_not_in_channel' };
        const e: FakeSlackEphemeral = { channel, user, message_ts: nextTs(), text: String(a.text ?? ''), blocks: Array.isArray(a.blocks) ? a.blocks : [] };
        if (a.thread_ts) e.thread_ts = String(a.thread_ts);
        ephemerals.push(e);
        return { ok: true, message_ts: e.message_ts };
      }
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        // As in messages: an image block may show only a file whose upload was completed.
        for (const b of ((a.view as { blocks?: unknown } | undefined)?.blocks ?? []) as Array<{ type?: string; slack_file?: { id?: string } }>) {
          if (b.type === 'image' && b.slack_file && !files.get(b.slack_file.id ?? '')?.completed) return { ok: false, error: 'invalid_blocks' };
        }
        return { ok: true, view: { id: `V${String(++viewCounter).padStart(8, '0')}`, ...(typeof a.view === 'object' ? a.view : {}) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // The upload URL files.getUploadURLExternal handed out: raw bytes in the body, answered "OK - <length>".
    const upload = /^\/api\/upload\/(F\d+)$/.exec(req.url ?? '');
    if (upload) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const file = files.get(upload[1]!);
        const body = Buffer.concat(chunks);
        calls.push({ method: 'upload_url', args: { fileId: upload[1], bytes: body.length } });
        for (const w of waiters.splice(0)) w();
        const fault = takeFault('upload_url');
        if (fault?.kind === 'status') return void res.writeHead(fault.status).end();
        if (!file || file.bytes) return void res.writeHead(404).end('Not Found');
        if (body.length !== file.length) return void res.writeHead(400).end('length mismatch');
        file.bytes = body;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${body.length}`);
      });
      return;
    }
    const match = /^\/api\/([A-Za-z.]+)$/.exec((req.url ?? '').split('?')[0] ?? '');
    readArgs(req)
      .then((args) => {
        const method = match?.[1] ?? '';
        calls.push({ method, args });
        for (const w of waiters.splice(0)) w();
        const fault = takeFault(method) ?? (method === 'auth.test' && authFault ? authFault : undefined);
        if (fault?.kind === 'hang') return; // never answer; the client's timeout decides
        if (fault?.kind === 'commitThenHang') return void answer(method, args, req.headers.authorization);
        if (fault?.kind === 'drop') return void req.socket.destroy();
        if (fault?.kind === 'status') {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
          res.writeHead(fault.status, headers).end(JSON.stringify({ ok: false, error: fault.status === 429 ? 'ratelimited' : 'internal_error' }));
          return;
        }
        const body = fault?.kind === 'error' ? { ok: false, error: fault.error } : answer(method, args, req.headers.authorization);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      })
      .catch(() => res.writeHead(400).end('{"ok":false,"error":"invalid_form_data"}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}/api/`;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    botUserId,
    botId,
    calls,
    messages,
    ephemerals,
    setChannelMembers: (channel, ids) => void members.set(channel, new Set(ids)),
    callsTo: (method) => calls.filter((c) => c.method === method),
    addUser: (u) => void users.set(u.id, u),
    fail(method, fault) {
      faults.set(method, [...(faults.get(method) ?? []), fault]);
    },
    failAuthTest(fault) {
      authFault = fault;
    },
    async waitFor(method, count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.filter((c) => c.method === method);
        if (found.length >= count) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`fake Slack: ${method} called ${found.length} times, expected ${count}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 50));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    dmOf,
    files,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
