// One HTTP server for every adapter in HTTP mode: Slack on /slack/events, Feishu on /feishu/events.
// Paths match exactly (ignoring the query string); anything else is 404, never a stack trace.
// The dashboard, when given, answers everything under its prefix (and `/` redirects to it).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { HttpRoute } from '../../app/ports/platform-adapter.port.js';

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export interface WebMount {
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export function startHttpServer(routes: readonly HttpRoute[], port: number, logger: Logger, web?: WebMount): Promise<RunningServer> {
  const byPath = new Map(routes.map((r) => [r.path, r]));
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (web && (path === web.prefix || path.startsWith(`${web.prefix}/`))) {
      web.handle(req, res);
      return;
    }
    if (web && req.method === 'GET' && path === '/') {
      res.writeHead(302, { location: `${web.prefix}/` }).end();
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
      logger.info({ port: actual, paths: [...byPath.keys(), ...(web ? [`${web.prefix}/`] : [])] }, 'http server listening');
      resolve({
        server,
        port: actual,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
