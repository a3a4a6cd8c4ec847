// Wiring only: config + deps → the Feishu/Lark PlatformAdapter (HTTP route or long connection).
import type { AdapterDeps, PlatformAdapter } from '../../src/app/ports/platform-adapter.port.js';
import type { FeishuConfig } from './config.js';
import { PlatformError } from '../../src/app/ports/platform-error.js';
import { text } from '../../src/core/i18n.js';
import { checkFeishuConfig } from './config.js';
import { FeishuChatPort } from './transport/chat-port.js';
import { createLarkClient } from './transport/open-api.js';
import { OPEN_API_TIMEOUT_MS } from './limits.js';
import { FormMemory, Pressure, type ListenerContext } from './listeners/context.js';
import { WorkLane } from '../shared/work-lane.js';
import { createFeishuHttpRoute, type FeishuHttpRoute, type HttpRouteOptions } from './transport/http-route.js';
import { createLongConnection, type LongConnectionOptions } from './transport/long-connection.js';
import { fetchBotOpenId } from './transport/bot-info.js';

export type { FeishuConfig } from './config.js';
export { FeishuChatPort } from './transport/chat-port.js';

/** Extra knobs for tests. */
export interface FeishuAdapterOptions
  extends Pick<HttpRouteOptions, 'softDeadlineMs' | 'maxBodyBytes'>, Pick<LongConnectionOptions, 'connectTimeoutMs' | 'pingTimeoutSec'> {}

export interface FeishuAdapter extends PlatformAdapter {
  readonly chat: FeishuChatPort;
  readonly http?: FeishuHttpRoute;
  /** Resolves when background work (answers, late patches) started so far has settled. */
  idle(): Promise<void>;
}

export function createFeishuAdapter(config: FeishuConfig, deps: AdapterDeps, options: FeishuAdapterOptions = {}): FeishuAdapter {
  const problems = checkFeishuConfig(config);
  if (problems.length > 0) {
    const list = problems.join('\n- ');
    throw new PlatformError('feishu_config_invalid', `Feishu config is invalid:\n- ${list}`, { userMessage: text(`飞书配置无效：\n- ${list}`, `Feishu config is invalid:\n- ${list}`) });
  }
  const logger = deps.logger.child({ platform: 'feishu' });
  const now = deps.now ?? (() => new Date());
  const client = createLarkClient({ appId: config.appId, appSecret: config.appSecret, domain: config.domain, timeoutMs: config.apiTimeoutMs ?? OPEN_API_TIMEOUT_MS, logger });
  const chat = new FeishuChatPort(client, logger, now, deps.renderChartPng);
  const pending = new Set<Promise<unknown>>();
  let botOpenId: string | null = null;
  const lane = new WorkLane();

  const ctx: ListenerContext = {
    router: deps.router, inbound: deps.inbound, chat, logger, now,
    managerChatId: config.managerChatId || null,
    botOpenId: () => botOpenId,
    forms: new FormMemory(),
    track: (work) => {
      const p = work.catch((e: unknown) => logger.error({ err: e }, 'feishu background work failed')).finally(() => pending.delete(p));
      pending.add(p);
    },
    lane,
    pressure: new Pressure(),
  };

  const http = config.mode === 'http'
    ? createFeishuHttpRoute(ctx, { encryptKey: config.encryptKey, verificationToken: config.verificationToken, ...options })
    : undefined;
  const ws = config.mode === 'ws'
    ? createLongConnection(ctx, { appId: config.appId, appSecret: config.appSecret, domain: config.domain, softDeadlineMs: options.softDeadlineMs, connectTimeoutMs: options.connectTimeoutMs, pingTimeoutSec: options.pingTimeoutSec })
    : undefined;

  return {
    platform: 'feishu',
    chat,
    http,
    async start() {
      try {
        botOpenId = await fetchBotOpenId(client);
      } catch (e) {
        // Without it group @mentions go unanswered; p2p still works. Say so loudly.
        logger.error({ err: e }, 'feishu: could not read the bot identity (GET /open-apis/bot/v3/info); group mentions will be ignored');
      }
      // Long connection: resolves once connected; a refused app id/secret fails the start.
      await ws?.start();
    },
    async stop() {
      ws?.stop();
      await Promise.allSettled([...pending]);
      await lane.idle();
    },
    async idle() {
      while (pending.size > 0 || lane.pending > 0) {
        await Promise.allSettled([...pending]);
        await lane.idle();
      }
    },
  };
}
