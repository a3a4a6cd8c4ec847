// A Bolt Receiver that is also our HttpRoute. It does what Bolt's HTTPReceiver does not: caps the
// body, checks the timestamp both ways, answers malformed bodies 400 (Bolt 5.1 crashes on a signed
// JSON `null`) and processes platform retries and duplicate interactions once.
import { errSummary } from '../../shared/err-summary.js';
import { InboundRejected, readCappedBody } from '../../shared/read-body.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import type { HttpRoute } from '../../../src/app/ports/platform-adapter.port.js';
import { PlatformError } from '../../../src/app/ports/platform-error.js';
import type { InboundLog } from '../../../src/app/ports/delivery.port.js';
import { ACK_DEADLINE_MS } from '../limits.js';
import { DEFAULT_MAX_BODY_BYTES } from '../config.js';
import { verifySlackSignature } from '../inbound/verify-signature.js';
import { shapeProblem } from '../inbound/inbound-shape.js';
import { guardedAck, needsSubmissionError, submissionErrorResponse } from '../listeners/submission-guard.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  inbound: InboundLog;
  logger: Logger;
  now?: () => Date;
  maxBodyBytes?: number;
  path?: string;
}

type Body = Record<string, unknown>;

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === '') {
    res.writeHead(status).end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}


/** Parse a verified body into an object, or null when it is not one (→ 400). */
export function parseSlackBody(raw: Buffer, contentType: string | undefined): Body | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  const text = raw.toString('utf8');
  try {
    if (type === 'application/json') {
      const v: unknown = JSON.parse(text);
      return isObject(v) ? v : null;
    }
    if (type === 'application/x-www-form-urlencoded') {
      const params = new URLSearchParams(text);
      const payload = params.get('payload');
      if (payload !== null) {
        const v: unknown = JSON.parse(payload);
        return isObject(v) && typeof v.type === 'string' ? v : null;
      }
      const fields: Body = Object.fromEntries(params);
      return Object.keys(fields).length > 0 ? fields : null;
    }
  } catch {
    return null;
  }
  return null;
}

/** The key under which a delivery is remembered, so retries and double deliveries run once. */
export function dedupeKey(body: Body): string | null {
  if (body.type === 'event_callback' && typeof body.event_id === 'string') return `slack:event:${body.event_id}`;
  // Every interaction (click, submission) gets its own trigger_id; a repeat of one is a duplicate.
  if ((body.type === 'block_actions' || body.type === 'view_submission') && typeof body.trigger_id === 'string') {
    return `slack:${body.type}:${body.trigger_id}`;
  }
  // A slash command's trigger_id is unique per invocation too: an exact replay (a signed request
  // captured and sent again within the 5-minute signature window) runs once.
  if (typeof body.command === 'string' && typeof body.trigger_id === 'string') return `slack:command:${body.trigger_id}`;
  return null;
}

/** An HTTP answer: status and body (see reply()). */
type Answer = readonly [status: number, body?: unknown];

/** How many view submissions' answers are kept for their duplicates (a double-clicked Submit). */
const SUBMISSION_ANSWERS_KEPT = 500;

export class SlackHttpReceiver implements Receiver {
  private app: App | null = null;
  private readonly log: Logger;
  readonly route: HttpRoute;
  /**
   * The answer given (or being worked out) for each recent view submission, by dedupe key: a duplicate
   * gets the same answer — the same inline errors keep the modal open — instead of an empty 200, which
   * would close a modal that shows errors.
   */
  private readonly submissionAnswers = new Map<string, Promise<Answer>>();

  constructor(private readonly opts: SlackHttpReceiverOptions) {
    this.log = opts.logger.child({ component: 'slack-http' });
    this.route = {
      path: opts.path ?? SLACK_EVENTS_PATH,
      handle: (req, res) => {
        this.dispatch(req, res).catch((err: unknown) => {
          // Our own bug: log the cause, answer without internals.
          this.log.error({ err: errSummary(err) }, 'slack request failed');
          reply(res, 500, 'internal error');
        });
      },
    };
  }

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  private now(): number {
    return (this.opts.now?.() ?? new Date()).getTime();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return reply(res, 405, 'method not allowed');
    let raw: Buffer;
    try {
      raw = await readCappedBody(req, this.opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    } catch (err) {
      return reply(res, err instanceof InboundRejected ? err.status : 400, err instanceof InboundRejected ? err.message : 'could not read request body');
    }
    const contentType = header(req, 'content-type');
    // Slack's SSL check carries no signature and asks for nothing but a 200.
    if (raw.length < 100 && /(^|&)ssl_check=1(&|$)/.test(raw.toString('utf8'))) return reply(res, 200);
    const check = verifySlackSignature({
      signingSecret: this.opts.signingSecret,
      signature: header(req, 'x-slack-signature'),
      timestamp: header(req, 'x-slack-request-timestamp'),
      rawBody: raw,
      nowMs: this.now(),
    });
    if (!check.ok) {
      this.log.warn({ reason: check.reason }, 'rejected slack request');
      return reply(res, 401, 'invalid signature');
    }
    const body = parseSlackBody(raw, contentType);
    if (!body) return reply(res, 400, 'malformed body: expected a JSON object, or form fields (payload=<JSON object>)');
    if (body.type === 'url_verification') {
      return typeof body.challenge === 'string' ? reply(res, 200, { challenge: body.challenge }) : reply(res, 400, 'missing challenge');
    }
    const problem = shapeProblem(body);
    if (problem) {
      this.log.warn({ problem }, 'rejected malformed slack body');
      return reply(res, 400, `malformed body: ${problem}`);
    }
    const key = dedupeKey(body);
    if (key && !this.opts.inbound.firstSeen(key, new Date(this.now()).toISOString())) {
      this.log.info({ key, retryNum: header(req, 'x-slack-retry-num') }, 'duplicate slack delivery ignored');
      const earlier = this.submissionAnswers.get(key);
      return earlier ? reply(res, ...(await earlier)) : reply(res, 200);
    }
    // The ack is written the moment the listener calls ack(): the work after it must not delay it.
    const answer = this.process(body, req, (a) => reply(res, ...a));
    if (key && body.type === 'view_submission') this.rememberSubmission(key, answer);
    reply(res, ...(await answer));
  }

  private rememberSubmission(key: string, answer: Promise<Answer>): void {
    if (this.submissionAnswers.size >= SUBMISSION_ANSWERS_KEPT) {
      const oldest = this.submissionAnswers.keys().next().value;
      if (oldest !== undefined) this.submissionAnswers.delete(oldest);
    }
    this.submissionAnswers.set(key, answer);
  }

  private async process(body: Body, req: IncomingMessage, onAck: (a: Answer) => void): Promise<Answer> {
    const app = this.app;
    if (!app) return [503, 'not ready'];
    let settle: (v: { response: unknown } | { error: unknown } | { done: true }) => void = () => undefined;
    const outcome = new Promise<{ response: unknown } | { error: unknown } | { done: true }>((r) => (settle = r));
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        // An ack nobody handled (Bolt's own after a failed authorization) must not close a modal.
        const payload = guardedAck(body, response);
        onAck([200, payload]);
        settle({ response: payload });
      },
    };
    const retryNum = Number(header(req, 'x-slack-retry-num'));
    if (Number.isInteger(retryNum)) event.retryNum = retryNum;
    const retryReason = header(req, 'x-slack-retry-reason');
    if (retryReason) event.retryReason = retryReason;
    const timer = setTimeout(() => settle({ done: true }), ACK_DEADLINE_MS);
    app.processEvent(event).then(
      () => settle({ done: true }),
      (error: unknown) => {
        if (acked) this.log.error({ err: errSummary(error) }, 'slack listener failed after ack');
        settle({ error });
      },
    );
    const result = await outcome;
    clearTimeout(timer);
    if ('response' in result) return [200, result.response];
    if ('error' in result) {
      this.log.error({ err: errSummary(result.error) }, 'slack listener failed before ack');
      if (needsSubmissionError(body)) return [200, submissionErrorResponse(body)];
      return [500, 'internal error'];
    }
    // A submission nobody answered (in time) keeps its modal open with an error.
    if (needsSubmissionError(body)) {
      this.log.warn({ type: body.type }, 'view submission not handled; modal kept open with an error');
      return [200, submissionErrorResponse(body)];
    }
    // No listener acknowledged (an event Bolt acked itself, or nothing matched): nothing to say.
    return [200];
  }
}

