// The bot's own ids (user id U…, bot id B…), resolved once at start with `auth.test` and cached, so
// Bolt never calls auth.test on a request (with `tokenVerificationEnabled: false` Bolt 5.1 does so on
// every request, on the 3-second path, and a failure there closed modals as if saved).
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { errSummary } from '../../shared/err-summary.js';
import { toDeliveryError } from './slack-errors.js';
import { toSlackLogger } from './slack-logger.js';

export interface BotIdentity {
  botUserId: string;
  botId: string;
}

export interface BotIdentityOptions {
  botToken: string;
  apiUrl: string;
  logger: Logger;
  /** Both set (SLACK_BOT_USER_ID, SLACK_BOT_ID): no auth.test at all. */
  known?: Partial<BotIdentity>;
  /** Attempts at start before giving up for now (default 5). */
  retries?: number;
  /** First delay between attempts, doubled each time (default 500 ms). */
  retryDelayMs?: number;
  /** Longest delay of the background retry after a failed start (default 60 s). */
  maxRetryDelayMs?: number;
  timeoutMs?: number;
}

/** The token is refused: retrying cannot help, the operator must fix SLACK_BOT_TOKEN. */
export class SlackIdentityError extends Error {
  readonly code = 'slack_identity';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SlackIdentityError';
  }
}

// Unref'd: a pending retry must not keep a stopping process alive.
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

export class BotIdentityResolver {
  private identity: BotIdentity | null = null;
  private inFlight: Promise<BotIdentity> | null = null;
  private background: Promise<void> | null = null;
  private readonly state = { stopped: false };
  private readonly client: WebClient;
  private readonly log: Logger;

  constructor(private readonly opts: BotIdentityOptions) {
    this.log = opts.logger.child({ component: 'slack-identity' });
    const k = opts.known;
    if (k?.botUserId && k.botId) this.identity = { botUserId: k.botUserId, botId: k.botId };
    this.client = new WebClient(opts.botToken, {
      slackApiUrl: opts.apiUrl,
      // Our own loop retries (and stops at a refused token); no hidden retries inside a call.
      retryConfig: { retries: 0 },
      timeout: opts.timeoutMs ?? 10_000,
      logger: toSlackLogger(opts.logger, 'slack-web'),
    });
  }

  /** The cached identity, or null while it is unknown. Never makes a call. */
  get current(): BotIdentity | null {
    return this.identity;
  }

  /**
   * Resolve at start: up to `retries` attempts with a doubling delay. A refused token throws
   * SlackIdentityError at once; an outage that outlasts the attempts throws the last error, and a
   * background loop keeps trying (requests meanwhile get a visible error, never a silent success).
   */
  async start(): Promise<BotIdentity> {
    this.state.stopped = false;
    if (this.identity) return this.identity;
    const attempts = Math.max(1, this.opts.retries ?? 5);
    let delay = this.opts.retryDelayMs ?? 500;
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        return await this.resolveOnce();
      } catch (err) {
        if (err instanceof SlackIdentityError) throw err;
        last = err;
        this.log.warn({ attempt: i + 1, of: attempts, err: errSummary(err) }, 'slack auth.test failed; retrying');
        if (i + 1 < attempts) await sleep(delay);
        delay *= 2;
      }
    }
    this.keepTrying(delay);
    throw last;
  }

  /** Kick a resolution if none is running (for a request that found the identity unknown); never awaits it. */
  nudge(): void {
    if (!this.identity && !this.inFlight && !this.state.stopped) this.resolveOnce().catch(() => undefined);
  }

  stop(): void {
    this.state.stopped = true;
  }

  private keepTrying(firstDelay: number): void {
    if (this.background) return;
    const max = this.opts.maxRetryDelayMs ?? 60_000;
    this.background = (async () => {
      let delay = Math.min(firstDelay, max);
      while (!this.identity && !this.state.stopped) {
        await sleep(delay);
        if (this.state.stopped) break;
        try {
          await this.resolveOnce();
        } catch (err) {
          this.log.warn({ err: errSummary(err), nextInMs: delay }, 'slack auth.test still failing');
          if (err instanceof SlackIdentityError) break;
        }
        delay = Math.min(delay * 2, max);
      }
      this.background = null;
    })();
  }

  /** One auth.test; concurrent callers share it. */
  private resolveOnce(): Promise<BotIdentity> {
    if (this.identity) return Promise.resolve(this.identity);
    if (this.inFlight) return this.inFlight;
    this.inFlight = (async () => {
      try {
        const res = await this.client.auth.test();
        if (!res.user_id || !res.bot_id) throw new SlackIdentityError('slack auth.test: the token is not a bot token (no bot_id); set SLACK_BOT_TOKEN to the xoxb-… token');
        this.identity = { botUserId: res.user_id, botId: res.bot_id };
        this.log.info({ botUserId: res.user_id, botId: res.bot_id }, 'slack bot identity resolved');
        return this.identity;
      } catch (err) {
        if (err instanceof SlackIdentityError) throw err;
        const d = toDeliveryError(err, 'auth.test');
        if (d.code === 'permanent') throw new SlackIdentityError(`${d.message}: check SLACK_BOT_TOKEN`, { cause: err });
        throw d;
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }
}
