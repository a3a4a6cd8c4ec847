// Wiring only: Bolt app + our receiver (HTTP or Socket Mode), listeners, and the ChatPort.
import { App, type Receiver } from '@slack/bolt';
import type { AdapterDeps, HttpRoute, PlatformAdapter } from '../../src/app/ports/platform-adapter.port.js';
import { SlackChatPort } from './chat-port.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_VIEW_SUBMISSION_BUDGET_MS, type SlackConfig } from './config.js';
import { errSummary, SlackHttpReceiver } from './http-receiver.js';
import { registerActions } from './listeners/action.listener.js';
import { registerCommand } from './listeners/command.listener.js';
import { registerHome } from './listeners/home.listener.js';
import { registerMessages } from './listeners/message.listener.js';
import type { ListenerDeps } from './listeners/reply.js';
import { registerViews } from './listeners/view.listener.js';
import { toSlackLogger } from './slack-logger.js';
import { SlackSocketReceiver } from './socket-receiver.js';

export type { SlackConfig } from './config.js';
export { SlackChatPort } from './chat-port.js';

export interface SlackAdapter extends PlatformAdapter {
  readonly platform: 'slack';
  readonly chat: SlackChatPort;
  /** The Bolt app (tests and diagnostics). */
  readonly app: App;
}

export function createSlackAdapter(config: SlackConfig, deps: AdapterDeps): SlackAdapter {
  const logger = deps.logger.child({ platform: 'slack' });
  const useSocket = config.socketMode && !!config.appToken;
  let receiver: Receiver;
  let http: HttpRoute | undefined;
  if (useSocket) {
    // Both receivers check shapes and dedupe (event_id / trigger_id) before Bolt sees a body.
    receiver = new SlackSocketReceiver({
      appToken: config.appToken as string,
      apiUrl: config.apiUrl,
      inbound: deps.inbound,
      logger,
      requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      ...(deps.now ? { now: deps.now } : {}),
    });
  } else {
    const r = new SlackHttpReceiver({
      signingSecret: config.signingSecret,
      inbound: deps.inbound,
      logger,
      ...(deps.now ? { now: deps.now } : {}),
      ...(config.maxBodyBytes ? { maxBodyBytes: config.maxBodyBytes } : {}),
    });
    receiver = r;
    http = r.route;
  }

  const knowsItself = !!(config.botId && config.botUserId);
  const app = new App({
    token: config.botToken,
    receiver,
    logger: toSlackLogger(logger, 'bolt'),
    ...(knowsItself ? { botId: config.botId, botUserId: config.botUserId } : {}),
    // Without the bot's ids, auth.test runs lazily on the first event instead of at construction
    // (where a failure would be an unhandled rejection).
    tokenVerificationEnabled: knowsItself,
    clientOptions: {
      slackApiUrl: config.apiUrl,
      retryConfig: { retries: config.apiRetries ?? 0 },
      timeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      logger: toSlackLogger(logger, 'slack-web'),
    },
  });
  app.error(async (error) => {
    logger.error({ err: errSummary(error) }, 'slack listener error');
  });

  const listenerDeps: ListenerDeps & { botUserId?: string } = {
    router: deps.router,
    logger,
    viewSubmissionBudgetMs: config.viewSubmissionBudgetMs ?? DEFAULT_VIEW_SUBMISSION_BUDGET_MS,
    ...(config.botUserId ? { botUserId: config.botUserId } : {}),
  };
  registerCommand(app, listenerDeps);
  registerActions(app, listenerDeps);
  registerViews(app, listenerDeps);
  registerMessages(app, listenerDeps);
  registerHome(app, listenerDeps);

  const chat = new SlackChatPort({
    botToken: config.botToken,
    apiUrl: config.apiUrl,
    logger,
    retries: config.apiRetries ?? 0,
    timeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.renderChartPng ? { renderChartPng: deps.renderChartPng } : {}),
  });
  listenerDeps.charts = chat.charts;

  return {
    platform: 'slack',
    chat,
    app,
    ...(http ? { http } : {}),
    async start() {
      await app.start();
      logger.info({ mode: useSocket ? 'socket' : 'http' }, 'slack adapter ready');
    },
    async stop() {
      await app.stop();
    },
  };
}
