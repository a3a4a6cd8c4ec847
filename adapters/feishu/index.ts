// Wiring only: config + deps → the Feishu/Lark PlatformAdapter (HTTP route or long connection).
import * as lark from '@larksuiteoapi/node-sdk';
import type { AdapterDeps, PlatformAdapter } from '../../src/app/ports/platform-adapter.port.js';
import type { FeishuConfig } from './config.js';
import { checkFeishuConfig } from './config.js';
import { FeishuChatPort } from './chat-port.js';
import { createLarkClient, sdkLogger } from './open-api.js';
import { OPEN_API_TIMEOUT_MS } from './limits.js';
import { FormMemory, type ListenerContext } from './listeners/context.js';
import { createFeishuHttpRoute, type HttpRouteOptions } from './http-route.js';
import { handleCardAction } from './listeners/card-action.listener.js';
import { handleMessageEvent } from './listeners/message.listener.js';
import { fetchBotOpenId } from './bot-info.js';

export type { FeishuConfig } from './config.js';
export { FeishuChatPort } from './chat-port.js';

/** Extra knobs for tests. */
export interface FeishuAdapterOptions extends Pick<HttpRouteOptions, 'softDeadlineMs' | 'maxBodyBytes'> {}

export interface FeishuAdapter extends PlatformAdapter {
  readonly chat: FeishuChatPort;
  /** Resolves when background work (answers, late patches) started so far has settled. */
  idle(): Promise<void>;
}

export function createFeishuAdapter(config: FeishuConfig, deps: AdapterDeps, options: FeishuAdapterOptions = {}): FeishuAdapter {
  const problems = checkFeishuConfig(config);
  if (problems.length > 0) throw new Error(`Feishu config is invalid:\n- ${problems.join('\n- ')}`);
  const logger = deps.logger.child({ platform: 'feishu' });
  const now = deps.now ?? (() => new Date());
  const client = createLarkClient({ appId: config.appId, appSecret: config.appSecret, domain: config.domain, timeoutMs: config.apiTimeoutMs ?? OPEN_API_TIMEOUT_MS, logger });
  const chat = new FeishuChatPort(client, logger, now);
  const pending = new Set<Promise<unknown>>();
  let botOpenId: string | null = null;

  const ctx: ListenerContext = {
    router: deps.router, inbound: deps.inbound, chat, logger, now,
    botOpenId: () => botOpenId,
    forms: new FormMemory(),
    track: (work) => {
      const p = work.catch((e: unknown) => logger.error({ err: e }, 'feishu background work failed')).finally(() => pending.delete(p));
      pending.add(p);
    },
  };

  const http = config.mode === 'http'
    ? createFeishuHttpRoute(ctx, { encryptKey: config.encryptKey, verificationToken: config.verificationToken, ...options })
    : undefined;
  let ws: lark.WSClient | null = null;

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
      if (config.mode === 'ws') {
        // Long connection: the SDK's dispatcher, with our handlers (they dedupe and translate).
        const dispatcher = new lark.EventDispatcher({ logger: sdkLogger(logger, [config.appSecret]), loggerLevel: lark.LoggerLevel.warn }).register({
          'im.message.receive_v1': async (data: { event_id?: string }) => {
            ctx.track(handleMessageEvent(ctx, data.event_id ?? null, data));
          },
          'card.action.trigger': async (data: { event_id?: string }) => handleCardAction(ctx, data.event_id ?? null, data),
        } as Record<string, (data: any) => Promise<unknown>>);
        ws = new lark.WSClient({
          appId: config.appId, appSecret: config.appSecret, domain: config.domain,
          logger: sdkLogger(logger, [config.appSecret]), loggerLevel: lark.LoggerLevel.warn,
        });
        await ws.start({ eventDispatcher: dispatcher });
      }
    },
    async stop() {
      ws?.close();
      ws = null;
      await Promise.allSettled([...pending]);
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
