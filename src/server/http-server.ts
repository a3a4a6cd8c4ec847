// One HTTP server for every adapter in HTTP mode: Slack on /slack/events, Feishu on /feishu/events.
// Paths match exactly (ignoring the query string); anything else is 404, never a stack trace.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { HttpRoute } from '../app/ports/platform-adapter.port.js';

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export function startHttpServer(routes: readonly HttpRoute[], port: number, logger: Logger): Promise<RunningServer> {
  const byPath = new Map(routes.map((r) => [r.path, r]));
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const route = byPath.get(path);
    if (!route || req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    try {
      route.handle(req, res);
    } catch (err) {
      // Routes promise never to throw; this is the last line of defence.
      logger.error({ err: (err as Error).message, path }, 'http route threw');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"internal"}');
    }
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      const actual = (server.address() as AddressInfo).port;
      logger.info({ port: actual, paths: [...byPath.keys()] }, 'http server listening');
      resolve({
        server,
        port: actual,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
