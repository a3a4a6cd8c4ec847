// Shared setup for the end-to-end Slack tests: the real Bolt app behind a real node:http server on
// port 0, a loopback fake Web API, and a stub router that records events and returns scripted results.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.js';
import type { InboundEvent } from '../../../src/app/inbound.js';
import { silentLogger, type Logger } from '../../../src/runtime/logging/logger.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.fake.js';
import type { SignedSlackRequest } from '../../fakes/slack-signing.js';
import type { ChartSpec } from '../../../src/ui/chart.js';
import { answer, type Answer } from '../../../src/app/answer.js';

export const SECRET = 'test-signing-secret';

export interface StubRouter {
  events: InboundEvent[];
  /** Results returned in order; the last one repeats. */
  results: Array<Answer | (() => Promise<Answer>)>;
  router(event: InboundEvent): Promise<Answer>;
}

export function stubRouter(): StubRouter {
  const stub: StubRouter = {
    events: [],
    results: [answer.nothing()],
    async router(event) {
      stub.events.push(event);
      const next = stub.results.length > 1 ? stub.results.shift() : stub.results[0];
      if (!next) return answer.nothing();
      return typeof next === 'function' ? next() : next;
    },
  };
  return stub;
}

export interface Harness {
  api: FakeSlackApi;
  stub: StubRouter;
  adapter: SlackAdapter;
  url: string;
  seen: Set<string>;
  now: { ms: number };
  post(req: SignedSlackRequest): Promise<{ status: number; text: string; json: () => unknown }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  viewSubmissionBudgetMs?: number;
  maxBodyBytes?: number;
  logger?: Logger;
  /** false: no bot ids in config, so the adapter resolves them with auth.test. */
  knowsItself?: boolean;
  identityRetries?: number;
  identityRetryDelayMs?: number;
  /** Runs against the fake before the adapter starts (e.g. to make auth.test fail). */
  beforeStart?: (api: FakeSlackApi) => void;
  /** The real app's router instead of the stub (the stub still records each event). */
  router?: (event: InboundEvent) => Promise<Answer>;
  /** Draws chart PNGs for uploads (the chart renderer); unset: charts as text. */
  renderChartPng?: (chart: ChartSpec) => Buffer | Promise<Buffer>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const { logger, knowsItself = true, beforeStart, router, renderChartPng, ...slackOptions } = options;
  const api = await startFakeSlackApi();
  beforeStart?.(api);
  const stub = stubRouter();
  const seen = new Set<string>();
  const now = { ms: Date.now() };
  const adapter = createSlackAdapter(
    {
      botToken: 'xoxb-test-token',
      signingSecret: SECRET,
      apiUrl: api.url,
      managerChannel: 'C0MANAGERS',
      ...(knowsItself ? { botUserId: api.botUserId, botId: api.botId } : {}),
      socketMode: false,
      requestTimeoutMs: 2000,
      ...slackOptions,
    },
    {
      router: router ? async (e) => (stub.events.push(e), router(e)) : (e) => stub.router(e),
      ...(renderChartPng ? { renderChartPng } : {}),
      inbound: { firstSeen: (key) => (seen.has(key) ? false : (seen.add(key), true)) },
      logger: logger ?? silentLogger(),
      now: () => new Date(now.ms),
    },
  );
  await adapter.start();
  const route = adapter.http;
  if (!route) throw new Error('HTTP mode expected');
  const server: Server = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === route.path) route.handle(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${route.path}`;
  return {
    api,
    stub,
    adapter,
    url,
    seen,
    now,
    async post(req) {
      const res = await fetch(url, { method: 'POST', headers: req.headers, body: req.body });
      const text = await res.text();
      return { status: res.status, text, json: () => JSON.parse(text) as unknown };
    },
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await api.close();
    },
  };
}
