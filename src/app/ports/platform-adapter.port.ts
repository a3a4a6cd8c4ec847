// The shape every platform adapter has, so the composition root can run any set of them
// behind one HTTP server (Slack on /slack/events, Feishu on /feishu/events, same PORT).
import type { ChartSpec } from '../../ui/chart.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ChatPort, Platform } from './chat.port.js';
import type { InboundLog } from './delivery.port.js';
import type { Router } from '../inbound.js';

export interface HttpRoute {
  /** Exact path, e.g. `/slack/events`. */
  path: string;
  /** Handles one request: reads the body (size-capped), verifies, answers. Never throws. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export interface PlatformAdapter {
  readonly platform: Platform;
  readonly chat: ChatPort;
  /** Present in HTTP mode; absent for Socket Mode / long connection. */
  readonly http?: HttpRoute;
  /** Connect (Socket Mode / long connection) or get ready to serve; resolves when ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface AdapterDeps {
  /** Turns neutral inbound events into results. */
  router: Router;
  /** Platform retries and duplicate clicks are processed once. */
  inbound: InboundLog;
  logger: Logger;
  /** Clock, for signature timestamp windows (tests move it). */
  now?: () => Date;
  /** Draws a chart as PNG (src/chart-render, injected by the composition root); without it charts go as text. */
  renderChartPng?: (chart: ChartSpec) => Buffer | Promise<Buffer>;
}
