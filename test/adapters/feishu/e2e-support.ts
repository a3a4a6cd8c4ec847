// Shared set-up for the Feishu adapter tests in HTTP mode: the real adapter (real node-sdk) talking to
// the loopback fake Open API, its route mounted on a real node:http server on port 0, and a router the
// test supplies. One set-up for every suite that drives the adapter over HTTP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFeishuAdapter, type FeishuAdapter, type FeishuAdapterOptions } from '../../../adapters/feishu/index.js';
import type { AdapterDeps } from '../../../src/app/ports/platform-adapter.port.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../fakes/feishu-api.fake.js';

export const FEISHU_TEST_APP_ID = 'cli_a1b2c3d4e5f60718';

export interface FeishuHttpOptions extends FeishuAdapterOptions {
  router: AdapterDeps['router'];
  encryptKey: string;
  verificationToken: string;
  /** The adapter's clock (signature timestamp windows). */
  now: () => Date;
  appSecret?: string;
  managerChatId?: string;
  apiTimeoutMs?: number;
  /** Inbound de-duplication; default: each event key is processed once. */
  firstSeen?: (key: string) => boolean;
  renderChartPng?: AdapterDeps['renderChartPng'];
}

export interface FeishuHttp {
  api: FakeFeishuApi;
  adapter: FeishuAdapter;
  /** The adapter's events endpoint on the local server. */
  url: string;
  close(): Promise<void>;
}

export async function startFeishuHttp(options: FeishuHttpOptions): Promise<FeishuHttp> {
  const {
    router, encryptKey, verificationToken, now, appSecret = 'app-secret-for-tests', managerChatId = 'oc_managers',
    apiTimeoutMs = 2000, firstSeen, renderChartPng, ...adapterOptions
  } = options;
  const api = await startFakeFeishuApi();
  const seen = new Set<string>();
  const adapter = createFeishuAdapter(
    { appId: FEISHU_TEST_APP_ID, appSecret, domain: api.url, encryptKey, verificationToken, managerChatId, mode: 'http', apiTimeoutMs },
    {
      router,
      inbound: { firstSeen: firstSeen ?? ((key) => (seen.has(key) ? false : (seen.add(key), true))) },
      logger: silentLogger(),
      now,
      ...(renderChartPng ? { renderChartPng } : {}),
    },
    adapterOptions,
  );
  await adapter.start();
  const route = adapter.http;
  if (!route) throw new Error('HTTP mode expected a route');
  const server: Server = createServer((req, res) => route.handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${route.path}`;
  let closed = false;
  return {
    api, adapter, url,
    async close() {
      if (closed) return;
      closed = true;
      await adapter.stop();
      await new Promise((r) => server.close(r));
      await api.close();
    },
  };
}
