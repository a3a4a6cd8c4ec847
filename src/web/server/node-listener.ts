// The dashboard as a node:http request listener, for the shared HTTP server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { DASHBOARD_PATH } from '../auth/web-auth.js';

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

export const DASHBOARD_PREFIX = DASHBOARD_PATH;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dashboardListener(app: Hono<any>): NodeListener {
  const listener = getRequestListener(app.fetch);
  return (req, res) => {
    void listener(req, res);
  };
}
