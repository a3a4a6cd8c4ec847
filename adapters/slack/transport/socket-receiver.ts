// A Bolt Receiver over @slack/socket-mode. Bolt 5.1's SocketModeReceiver cannot point
// `apps.connections.open` at SLACK_API_URL, and it neither checks shapes nor dedupes; this one does
// what our HTTP receiver does (shape check, once-only by event_id / trigger_id, ack within 3 s with
// the listener's response payload), only over the WebSocket.
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { AppsConnectionsOpenResponse } from '@slack/web-api';
import type { Logger } from 'pino';
import type { InboundLog } from '../../../src/app/ports/delivery.port.js';
import { dedupeKey } from './http-receiver.js';
import { errSummary } from '../../shared/err-summary.js';
import { shapeProblem } from '../inbound/inbound-shape.js';
import { guardedAck, needsSubmissionError, submissionErrorResponse } from '../listeners/submission-guard.js';
import { ACK_DEADLINE_MS } from '../limits.js';
import { toSlackLogger } from './slack-logger.js';

export interface SlackSocketReceiverOptions {
  /** App-level token `xapp-…` (connections:write). Never logged. */
  appToken: string;
  /** Web API base, e.g. `https://slack.com/api/`: where `apps.connections.open` is called. */
  apiUrl: string;
  inbound: InboundLog;
  logger: Logger;
  now?: () => Date;
  /** Timeout of the `apps.connections.open` call (ms). */
  requestTimeoutMs?: number;
  /**
   * Retries inside one `apps.connections.open` call. Default: the SDK's (100, with backoff), so a
   * reconnect rides out a Slack outage. Tests use 0.
   */
  connectRetries?: number;
  /** Pong wait (ms), also the base of the reconnect delay. SDK default 5 000. */
  clientPingTimeoutMs?: number;
  /** Longest silence from the server before reconnecting (ms). SDK default 30 000. */
  serverPingTimeoutMs?: number;
  /** After this long without a listener's ack, an empty ack is sent (ms). Default 3 000. */
  ackDeadlineMs?: number;
}

/** What @slack/socket-mode emits as `slack_event` for each envelope. */
interface SocketEnvelope {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id?: string;
  type?: string;
  body?: unknown;
  retry_num?: number;
  retry_reason?: string;
  accepts_response_payload?: boolean;
}

type Body = Record<string, unknown>;
const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The SDK reconnects by calling `start()` from a timer and drops its promise: a failed
 * `apps.connections.open` there would be an unhandled rejection (a crash on Node 20). Here a failed
 * reconnect is logged and retried later, and a reconnect that lands after stop() is closed again.
 */
class GuardedSocketModeClient extends SocketModeClient {
  stopped = false;
  onReconnectFailed: (err: unknown) => void = () => undefined;

  /** A start whose caller awaits it: a refused token or an unreachable API rejects here. */
  connect(): Promise<AppsConnectionsOpenResponse> {
    this.stopped = false;
    return super.start();
  }

  /** Only the SDK's reconnect timer calls this (we call connect()). */
  override async start(): Promise<AppsConnectionsOpenResponse> {
    try {
      const res = await super.start();
      if (this.stopped) await this.disconnect();
      return res;
    } catch (err) {
      this.onReconnectFailed(err);
      // 'close' is the client's own cue to schedule the next attempt (with a growing delay).
      this.emit('close');
      return { ok: false, error: 'reconnect_failed' };
    }
  }
}

export class SlackSocketReceiver implements Receiver {
  private app: App | null = null;
  private readonly log: Logger;
  private readonly client: GuardedSocketModeClient;

  constructor(private readonly opts: SlackSocketReceiverOptions) {
    this.log = opts.logger.child({ component: 'slack-socket' });
    this.client = new GuardedSocketModeClient({
      appToken: opts.appToken,
      logger: toSlackLogger(opts.logger, 'slack-socket-client'),
      clientOptions: {
        slackApiUrl: opts.apiUrl,
        ...(opts.requestTimeoutMs ? { timeout: opts.requestTimeoutMs } : {}),
        ...(opts.connectRetries !== undefined ? { retryConfig: { retries: opts.connectRetries } } : {}),
      },
      ...(opts.clientPingTimeoutMs ? { clientPingTimeout: opts.clientPingTimeoutMs } : {}),
      ...(opts.serverPingTimeoutMs ? { serverPingTimeout: opts.serverPingTimeoutMs } : {}),
    });
    this.client.onReconnectFailed = (err) => this.log.error({ err: errSummary(err) }, 'slack socket reconnect failed; will retry');
    this.client.on('slack_event', (envelope: SocketEnvelope) => {
      this.onEnvelope(envelope).catch((err: unknown) => this.log.error({ err: errSummary(err) }, 'slack envelope failed'));
    });
    // Lifecycle lines without the connection URL (it carries a connect ticket).
    this.client.on('connected', () => this.log.info('slack socket connected'));
    this.client.on('reconnecting', () => this.log.info('slack socket reconnecting'));
    this.client.on('disconnected', () => this.log.info('slack socket disconnected'));
  }

  init(app: App): void {
    this.app = app;
  }

  /** Opens the connection; resolves once Slack said hello. Rejects when the app token is refused. */
  async start(): Promise<void> {
    await this.client.connect();
  }

  /** Closes the WebSocket (close frame 1000) and stops reconnecting. */
  async stop(): Promise<void> {
    this.client.stopped = true;
    await this.client.disconnect();
  }

  private now(): string {
    return (this.opts.now?.() ?? new Date()).toISOString();
  }

  private async onEnvelope(envelope: SocketEnvelope): Promise<void> {
    const { envelope_id: envelopeId, type, body } = envelope;
    const bare = async (why: string): Promise<void> => {
      // Acked anyway: Slack would only redeliver the same thing.
      if (envelopeId) await this.sendAck(envelope, undefined);
      this.log.info({ envelopeId, type, why }, 'slack envelope not processed');
    };
    if (!isObject(body)) return bare('payload is not an object');
    const problem = shapeProblem(body);
    if (problem) {
      this.log.warn({ envelopeId, type, problem }, 'rejected malformed slack envelope');
      return bare('malformed');
    }
    const key = dedupeKey(body);
    if (key && !this.opts.inbound.firstSeen(key, this.now())) {
      this.log.info({ key, retryNum: envelope.retry_num, retryReason: envelope.retry_reason }, 'duplicate slack delivery ignored');
      return bare('duplicate');
    }
    const app = this.app;
    if (!app) return this.log.warn({ envelopeId, type }, 'slack envelope before init; not acked');
    await this.process(app, envelope, body);
  }

  private async process(app: App, envelope: SocketEnvelope, body: Body): Promise<void> {
    let acked = false;
    let timer: NodeJS.Timeout | undefined;
    const ack = async (response?: unknown): Promise<void> => {
      if (acked) return;
      acked = true;
      clearTimeout(timer);
      // Like HTTP mode: a submission nobody handled keeps its modal open with an error.
      await this.sendAck(envelope, guardedAck(body, response));
    };
    // Like HTTP mode: whoever has not answered within the deadline gets an empty ack.
    timer = setTimeout(() => {
      if (acked) return;
      this.log.warn({ envelopeId: envelope.envelope_id, type: envelope.type }, 'no ack from a listener in time; acking empty');
      void ack();
    }, this.opts.ackDeadlineMs ?? ACK_DEADLINE_MS);
    const event: ReceiverEvent = { body, ack };
    if (typeof envelope.retry_num === 'number') event.retryNum = envelope.retry_num;
    if (typeof envelope.retry_reason === 'string' && envelope.retry_reason) event.retryReason = envelope.retry_reason;
    try {
      await app.processEvent(event);
      // Nothing acknowledged (no listener matched): still tell Slack it arrived.
      await ack();
    } catch (err) {
      clearTimeout(timer);
      if (acked) {
        this.log.error({ err: errSummary(err) }, 'slack listener failed after ack');
      } else if (needsSubmissionError(body)) {
        acked = true;
        this.log.error({ err: errSummary(err), envelopeId: envelope.envelope_id, type: envelope.type }, 'slack listener failed before ack');
        await this.sendAck(envelope, submissionErrorResponse(body));
      } else {
        // Like HTTP mode's 500: no ack, so Slack shows the user an error instead of a silent success.
        acked = true;
        this.log.error({ err: errSummary(err), envelopeId: envelope.envelope_id, type: envelope.type }, 'slack listener failed before ack');
      }
    }
  }

  /** Send `{envelope_id, payload}`; a payload only where Slack accepts one. Never throws. */
  private async sendAck(envelope: SocketEnvelope, response: unknown): Promise<void> {
    let payload: Record<string, unknown> | undefined;
    if (typeof response === 'string') payload = { text: response };
    else if (isObject(response)) payload = response;
    if (payload && envelope.accepts_response_payload === false) {
      this.log.debug({ envelopeId: envelope.envelope_id, type: envelope.type }, 'response payload dropped: envelope accepts none');
      payload = undefined;
    }
    try {
      await envelope.ack(payload);
    } catch (err) {
      this.log.warn({ err: errSummary(err), envelopeId: envelope.envelope_id }, 'slack ack could not be sent');
    }
  }
}
