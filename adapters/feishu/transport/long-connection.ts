// Long connection (FEISHU_MODE=ws): the SDK's WSClient with an EventDispatcher holding our listeners.
// The WSClient acks each data frame after the handler returns: message events are handed to
// background work at once; card callbacks return {toast, card}, which the SDK puts into the ack.
//
// What the SDK leaves to us: WSClient.start() returns before anything is connected, and a refused
// endpoint (wrong secret, long connection not enabled) only shows up as a log line; so start() here
// waits for onReady/onError, and later give-ups and reconnects are logged.
import { LATE, withinBudget } from '../../shared/time-budget.js';
import * as lark from '@larksuiteoapi/node-sdk';
import type { ListenerContext } from '../listeners/context.js';
import { PlatformError } from '../../../src/app/ports/platform-error.js';
import { text } from '../../../src/core/i18n.js';
import { handleCardAction, type CardActionOptions } from '../listeners/card-action.listener.js';
import { handleMessageEvent } from '../listeners/message.listener.js';
import { sdkLogger, sdkLoggerLevel } from './open-api.js';
import { WS_CONNECT_WAIT_MS, WS_HANDSHAKE_TIMEOUT_MS, WS_PING_TIMEOUT_SEC } from '../limits.js';

export interface LongConnectionOptions extends CardActionOptions {
  appId: string;
  appSecret: string;
  /** Open API base URL; the SDK asks `${domain}/callback/ws/endpoint` where to connect. */
  domain: string;
  /** How long start() waits for the first connection before going on without it (default 30 s). */
  connectTimeoutMs?: number;
  /** Seconds after a ping without any inbound frame before the connection is replaced (default 30). */
  pingTimeoutSec?: number;
}

export interface LongConnection {
  /**
   * Connect. Resolves once connected (or, logged as an error, after connectTimeoutMs while the SDK keeps
   * retrying); rejects when the gateway refuses the app for good (e.g. a wrong secret).
   */
  start(): Promise<void>;
  stop(): void;
}

export function createLongConnection(ctx: ListenerContext, options: LongConnectionOptions): LongConnection {
  const log = sdkLogger(ctx.logger, [options.appSecret]);
  let client: lark.WSClient | null = null;
  // Set while start() waits for the first outcome.
  let settle: ((outcome: Error | null) => void) | null = null;

  return {
    async start() {
      const dispatcher = new lark.EventDispatcher({ logger: log, loggerLevel: sdkLoggerLevel(ctx.logger) }).register({
        'im.message.receive_v1': async (data: { event_id?: string }) => {
          ctx.track(handleMessageEvent(ctx, data.event_id ?? null, data));
        },
        'card.action.trigger': async (data: { event_id?: string }) =>
          handleCardAction(ctx, data.event_id ?? null, data, { softDeadlineMs: options.softDeadlineMs }),
      } as Record<string, (data: any) => Promise<unknown>>);

      const first = new Promise<Error | null>((resolve) => {
        settle = resolve;
      });
      const ws = new lark.WSClient({
        appId: options.appId, appSecret: options.appSecret, domain: options.domain,
        logger: log, loggerLevel: sdkLoggerLevel(ctx.logger),
        handshakeTimeoutMs: WS_HANDSHAKE_TIMEOUT_MS,
        wsConfig: { pingTimeout: options.pingTimeoutSec ?? WS_PING_TIMEOUT_SEC },
        onReady: () => settle?.(null),
        onError: (err) => {
          if (settle) return settle(err);
          ctx.logger.error({ reason: err.message }, 'feishu long connection gave up: no events or card clicks arrive until the bot restarts');
        },
        onReconnecting: () => ctx.logger.warn('feishu long connection lost, reconnecting'),
        onReconnected: () => ctx.logger.info('feishu long connection re-established'),
      });
      client = ws;
      await ws.start({ eventDispatcher: dispatcher });

      const waitMs = options.connectTimeoutMs ?? WS_CONNECT_WAIT_MS;
      const outcome = await withinBudget(first, waitMs);
      settle = null;
      if (outcome === LATE) {
        ctx.logger.error({ waitedMs: waitMs }, 'feishu long connection not connected yet; retrying in the background');
      } else if (outcome instanceof Error) {
        ws.close({ force: true });
        if (client === ws) client = null;
        throw new PlatformError('feishu_long_connection_refused', `Feishu long connection refused: ${outcome.message}. Check appId/appSecret and that the app receives events and callbacks through the long connection (developer console → Events and callbacks).`, {
          cause: outcome,
          userMessage: text('飞书长连接被拒绝：请检查 App ID / App Secret，并在开发者后台把“事件与回调”设为长连接接收', 'The Feishu long connection was refused: check the App ID / App Secret and that events and callbacks use the long connection (developer console → Events and callbacks)'),
        });
      }
    },
    stop() {
      settle?.(null);
      client?.close();
      client = null;
    },
  };
}
