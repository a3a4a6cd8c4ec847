// Wiring only: Bolt app + our receiver (HTTP or Socket Mode), listeners, and the ChatPort.
import { App, type Authorize, type Receiver } from '@slack/bolt';
import type { AdapterDeps, HttpRoute, PlatformAdapter } from '../../src/app/ports/platform-adapter.port.js';
import { BotIdentityResolver, SlackIdentityError } from './transport/bot-identity.js';
import { SlackChatPort } from './transport/chat-port.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_VIEW_SUBMISSION_BUDGET_MS, type SlackConfig } from './config.js';
import { SlackHttpReceiver } from './transport/http-receiver.js';
import { errSummary } from '../shared/err-summary.js';
import { registerActions } from './listeners/action.listener.js';
import { registerCommand } from './listeners/command.listener.js';
import { registerHome } from './listeners/home.listener.js';
import { registerMessages } from './listeners/message.listener.js';
import type { ListenerDeps } from './listeners/respond.js';
import { registerViews } from './listeners/view.listener.js';
import { toSlackLogger } from './transport/slack-logger.js';
import { SlackSocketReceiver } from './transport/socket-receiver.js';
import { WorkLane } from '../shared/work-lane.js';

export type { SlackConfig } from './config.js';
export { SlackChatPort } from './transport/chat-port.js';

export interface SlackAdapter extends PlatformAdapter {
  readonly platform: 'slack';
  readonly chat: SlackChatPort;
  /** The Bolt app (tests and diagnostics). */
  readonly app: App;
  /** Resolves when the work after acks started so far (answers, modals, notices) has finished. */
  idle(): Promise<void>;
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

  // The bot's ids come from config or one auth.test at start, never from a call per request.
  const identity = new BotIdentityResolver({
    botToken: config.botToken,
    apiUrl: config.apiUrl,
    logger,
    known: { ...(config.botUserId ? { botUserId: config.botUserId } : {}), ...(config.botId ? { botId: config.botId } : {}) },
    ...(config.identityRetries !== undefined ? { retries: config.identityRetries } : {}),
    ...(config.identityRetryDelayMs !== undefined ? { retryDelayMs: config.identityRetryDelayMs } : {}),
    timeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  });
  const authorize: Authorize<boolean> = async () => {
    const id = identity.current;
    if (!id) {
      // Fail fast (the request gets a visible error) and let the resolution catch up in the background.
      identity.nudge();
      throw new SlackIdentityError('slack bot identity not resolved yet');
    }
    return { botToken: config.botToken, botUserId: id.botUserId, botId: id.botId };
  };
  const app = new App({
    receiver,
    authorize,
    // No conversation store: no listener reads `context.conversation`, and its middleware runs on every request.
    convoStore: false,
    logger: toSlackLogger(logger, 'bolt'),
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

  const lane = new WorkLane();
  const listenerDeps: ListenerDeps = {
    router: deps.router,
    logger,
    lane,
    viewSubmissionBudgetMs: config.viewSubmissionBudgetMs ?? DEFAULT_VIEW_SUBMISSION_BUDGET_MS,
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
    idle: () => lane.idle(),
    async start() {
      try {
        await identity.start();
      } catch (err) {
        // A refused token is the operator's to fix: refuse to start, naming the variable.
        if (err instanceof SlackIdentityError) throw err;
        logger.error({ err: errSummary(err) }, 'slack auth.test failed at start; retrying in the background (requests get an error until then)');
      }
      await app.start();
      logger.info({ mode: useSocket ? 'socket' : 'http' }, 'slack adapter ready');
    },
    async stop() {
      identity.stop();
      await lane.idle();
      await app.stop();
    },
  };
}
