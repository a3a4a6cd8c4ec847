// A loopback proxy that enforces a platform's rate limits in front of a fake API, and answers as the
// platform does when a call goes over: Slack HTTP 429 with `Retry-After` (seconds), Feishu HTTP 429 with
// code 99991400 and `x-ogw-ratelimit-reset` (seconds). Limits are sliding windows per scope (a channel or
// chat, and the whole workspace or app), written independently of the bot's own pacer so a benchmark
// against it measures the bot, not an agreement with itself.
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyWindow {
  limit: number;
  perMs: number;
}

export interface LimitedRoute {
  /** Does this request count (e.g. POST chat.postMessage)? */
  matches(method: string, path: string): boolean;
  /** Scope → windows, e.g. { 'channel:D1': [1/s], workspace: [300/min, 20/s] }, from the request body. */
  scopes(body: string, path: string): Record<string, readonly ProxyWindow[]>;
}

export type Refusal = 'slack' | 'feishu';

export interface RateLimitProxy {
  url: string;
  /** Calls let through, and calls refused with 429. */
  passed: number;
  refused: number;
  close(): Promise<void>;
}

export async function startRateLimitProxy(target: string, route: LimitedRoute, refusal: Refusal): Promise<RateLimitProxy> {
  const stamps = new Map<string, number[]>();
  const upstream = new URL(target);
  const state = { passed: 0, refused: 0 };

  /** 0 when every window of every scope has room (and counts the call), else ms until one frees. */
  function admit(scopes: Record<string, readonly ProxyWindow[]>, now: number): number {
    let wait = 0;
    for (const [scope, windows] of Object.entries(scopes)) {
      windows.forEach((w, i) => {
        const list = stamps.get(`${scope}#${i}`) ?? [];
        while (list.length > 0 && list[0]! <= now - w.perMs) list.shift();
        stamps.set(`${scope}#${i}`, list);
        if (list.length >= w.limit) wait = Math.max(wait, list[list.length - w.limit]! + w.perMs - now);
      });
    }
    if (wait > 0) return wait;
    for (const [scope, windows] of Object.entries(scopes)) windows.forEach((_, i) => stamps.get(`${scope}#${i}`)!.push(now));
    return 0;
  }

  const readBody = (req: IncomingMessage) => new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = req.url ?? '/';
    if (route.matches(req.method ?? 'GET', path)) {
      const wait = admit(route.scopes(body.toString('utf8'), path), Date.now());
      if (wait > 0) {
        state.refused++;
        const seconds = String(Math.max(1, Math.ceil(wait / 1000)));
        if (refusal === 'slack') {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': seconds }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        } else {
          res.writeHead(429, { 'content-type': 'application/json', 'x-ogw-ratelimit-reset': seconds })
            .end(JSON.stringify({ code: 99991400, msg: 'request trigger frequency limit' }));
        }
        return;
      }
      state.passed++;
    }
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers: { ...req.headers, host: upstream.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    out.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, '')}/`,
    get passed() { return state.passed; },
    get refused() { return state.refused; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Slack chat.postMessage: about 1/s per channel, and the workspace's budget. */
export function slackPostMessageRoute(workspace: readonly ProxyWindow[], perChannel: readonly ProxyWindow[]): LimitedRoute {
  return {
    matches: (method, path) => method === 'POST' && path.includes('chat.postMessage'),
    scopes(body) {
      const channel = body.trimStart().startsWith('{') ? String((JSON.parse(body) as { channel?: string }).channel) : new URLSearchParams(body).get('channel');
      return { [`channel:${channel}`]: perChannel, workspace };
    },
  };
}

/** Feishu im/v1/messages create: per app, and per user/chat. */
export function feishuMessageRoute(app: readonly ProxyWindow[], perChat: readonly ProxyWindow[]): LimitedRoute {
  return {
    matches: (method, path) => method === 'POST' && /\/open-apis\/im\/v1\/messages(\?|$)/.test(path),
    scopes(body) {
      const receiver = String((JSON.parse(body || '{}') as { receive_id?: string }).receive_id);
      return { [`chat:${receiver}`]: perChat, app };
    },
  };
}
