// One delivery attempt of one outbox message: the state machine around a single platform call.
// The outbox row is marked in flight BEFORE the platform is called, so a crash leaves evidence that
// the outcome is unknown and the next attempt asks the port to check before posting again.
import type { Logger } from 'pino';
import { text } from '../../core/i18n.js';
import { RadarRuntimeError } from '../errors.js';
import type { ChatPort, Destination, MessageRef, Platform } from '../../app/ports/chat.port.js';
import type { OutboxLease, OutboxMessage, OutboxRepo } from '../../app/ports/delivery.port.js';
import { decideRetry, type BackoffPolicy } from './backoff.js';
import type { RateLimiter } from './rate-limiter.js';

export type AttemptOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

export interface DeliveryContext {
  outbox: OutboxRepo;
  /** This worker's hold on the messages it claimed. */
  lease: OutboxLease;
  ports: Partial<Record<Platform, ChatPort>>;
  clock: () => Date;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  limiter: RateLimiter;
  sleep: (ms: number) => Promise<void>;
  policy: BackoffPolicy;
  random: () => number;
  sendTimeoutMs: number;
  /** Delay before checking again whether the message an update replaces has been sent. */
  updateWaitMs: number;
  /** Delay between checks while no port is configured for the platform. */
  noPortRetryMs: number;
  scopesFor: (m: OutboxMessage) => string[];
  /** Ids whose last attempt in this process timed out (outcome unknown). */
  uncertain: Set<number>;
  reportFailure: (m: OutboxMessage) => Promise<void>;
  stopped: () => boolean;
}

/** Our timeout: the platform call may still land, so its outcome is unknown. */
export class SendTimeoutError extends RadarRuntimeError {
  declare readonly code: 'send_timeout';
  constructor(ms: number) {
    super('send_timeout', `no answer within ${ms} ms (outcome unknown)`, {
      userMessage: text('聊天平台没有及时应答：消息可能已送达，稍后会核对', 'The chat platform did not answer in time: the message may have arrived, and will be checked'),
    });
    this.name = 'SendTimeoutError';
  }
}

/**
 * Rate-limit scopes of a message, as its platform's port names them: its conversation first, then the
 * whole app or workspace. A port that says nothing gets `<platform>.conversation` / `<platform>.app`.
 */
export const scopesOf = (ports: Readonly<Record<string, ChatPort | undefined>>) => (m: OutboxMessage): string[] => {
  const conv = convId(m.destination, m.messageRef);
  const s = platformScopes(m.platform, ports[m.platform], conv);
  return [s.conversation, s.app];
};

const platformScopes = (platform: string, port: ChatPort | undefined, conversation: string) =>
  port?.delivery?.scopes(conversation) ?? { conversation: `${platform}.conversation:${conversation}`, app: `${platform}.app:all` };

/** The kinds of the app-wide scopes (one workspace's or app's budget, shared by every replica). */
export const appScopeKinds = (ports: Readonly<Record<string, ChatPort | undefined>>): string[] =>
  Object.entries(ports).flatMap(([platform, port]) => {
    if (!port) return [];
    const { app } = platformScopes(platform, port, 'any');
    return [app.slice(0, app.indexOf(':'))];
  });

/** The per-conversation scope among a message's scopes (scopesOf puts it first). */
export const conversationScopes = (keys: readonly string[]): string[] => keys.slice(0, 1);

function convId(d: Destination, ref: MessageRef | null): string {
  if (ref) return ref.channel;
  return d.kind === 'user' ? d.userId : d.channelId;
}

const iso = (d: Date) => d.toISOString();

export async function deliverOne(ctx: DeliveryContext, m: OutboxMessage): Promise<AttemptOutcome> {
  const port = ctx.ports[m.platform];
  if (!port) return notYet(ctx, m, `no chat port configured for ${m.platform}; kept pending`, ctx.noPortRetryMs);

  let ref: MessageRef | null = null;
  if (m.op === 'update') {
    const original = m.updateOf ? ctx.outbox.byKey(m.updateOf) : null;
    if (original?.state === 'failed') {
      return fail(ctx, m, `permanent: the message to update (${m.updateOf}) failed: ${original.lastError ?? 'unknown'}`);
    }
    if (!original || original.state !== 'sent' || !original.messageRef) {
      // Not lost: the send may still be on its way (or not enqueued yet); look again shortly.
      return notYet(ctx, m, `waiting for ${m.updateOf ?? '(no updateOf)'} to be delivered first`, ctx.updateWaitMs);
    }
    ref = original.messageRef;
    // A newer state of the same message is queued: this older one must never land after it (a retried
    // "claimed" overwriting "resolved"). Done, without sending.
    const newest = m.updateOf ? ctx.outbox.newestUpdateId(m.updateOf) : null;
    if (newest !== null && newest > m.id) {
      ctx.outbox.markSent(m.id, ref, iso(ctx.clock()));
      ctx.logger.debug({ key: m.key }, 'outbox: update superseded by a newer one');
      return 'sent';
    }
  }

  // A reply in the thread of another message goes out once that message is: its ref names the thread.
  let threadOf: MessageRef | null = null;
  if (m.op === 'send' && m.threadOf) {
    const parent = ctx.outbox.byKey(m.threadOf);
    if (parent?.state === 'failed') return fail(ctx, m, `permanent: the message to reply to (${m.threadOf}) failed: ${parent.lastError ?? 'unknown'}`);
    if (!parent || parent.state !== 'sent' || !parent.messageRef) return notYet(ctx, m, `waiting for ${m.threadOf} to be delivered first`, ctx.updateWaitMs);
    threadOf = parent.messageRef;
  }

  const scopes = ctx.scopesFor({ ...m, messageRef: ref ?? threadOf });
  // A card split into several messages is several calls at the platform: counted as such.
  const permit = await ctx.limiter.acquire(scopes, ctx.sleep, Math.max(1, port.messagesFor?.(m.card) ?? 1));
  if (ctx.stopped()) {
    ctx.limiter.cancel(permit);
    return 'skipped';
  }

  const maybeSentBefore = m.inFlightSince !== null || ctx.uncertain.has(m.id);
  // The lease is checked and renewed with the attempt: a worker that waited past its lease (a long
  // rate-limit pause) and was overtaken by another must not send as well.
  if (!ctx.outbox.markInFlight(m.id, iso(ctx.clock()), { owner: ctx.lease.owner, leaseMs: Math.max(ctx.lease.leaseMs, ctx.sendTimeoutMs * 2) })) {
    ctx.limiter.cancel(permit);
    ctx.logger.info({ key: m.key }, 'outbox: another worker took this message over; not sending it here');
    return 'skipped';
  }
  try {
    let result: MessageRef;
    if (m.op === 'update' && ref) {
      const reshaped = await withTimeout(port.update(ref, m.card), ctx.sendTimeoutMs);
      // The original send keeps the message's current shape, so the next update edits the same parts.
      if (reshaped && m.updateOf) ctx.outbox.updateMessageRef(m.updateOf, reshaped);
      result = reshaped ?? ref;
    } else {
      result = await withTimeout(port.send(m.destination, m.card, { idempotencyKey: m.key, maybeSentBefore, ...(threadOf ? { threadOf } : {}) }), ctx.sendTimeoutMs);
    }
    // Counted at the answer, before any database work: the window frees no sooner than at the platform.
    ctx.limiter.done(permit);
    ctx.outbox.markSent(m.id, result, iso(ctx.clock()));
    ctx.uncertain.delete(m.id);
    ctx.logger.debug({ key: m.key, attempts: m.attempts + 1, maybeSentBefore }, 'outbox: delivered');
    return 'sent';
  } catch (err) {
    if (err instanceof SendTimeoutError) ctx.uncertain.add(m.id);
    const decision = decideRetry({ error: err, attempts: m.attempts + 1, createdAt: new Date(m.createdAt), now: ctx.clock(), policy: ctx.policy, random: ctx.random });
    if (decision.error.kind === 'rate_limited') {
      // The platform said wait: nothing more to this conversation or this app until exactly then, and
      // their budget is cut (once per episode) until successes probe it back up.
      ctx.limiter.refused(permit, decision.error.retryAfterMs, decision.error.conversationOnly ? conversationScopes(permit.keys) : undefined);
    } else {
      ctx.limiter.failed(permit);
    }
    if (decision.kind === 'fail') return fail(ctx, m, decision.reason);
    ctx.outbox.markRetry(m.id, decision.error.message, iso(decision.nextAttemptAt));
    ctx.logger.warn({ key: m.key, attempts: m.attempts + 1, error: decision.error.message, retryInMs: decision.delayMs }, 'outbox: will retry');
    return 'retry';
  }
}

// Still undeliverable for a reason outside the platform: retry later, fail only past the horizon.
async function notYet(ctx: DeliveryContext, m: OutboxMessage, reason: string, delayMs: number): Promise<AttemptOutcome> {
  const now = ctx.clock();
  if (now.getTime() - Date.parse(m.createdAt) >= ctx.policy.giveUpAfterMs) {
    return fail(ctx, m, `gave up: ${reason}`);
  }
  ctx.outbox.markRetry(m.id, reason, iso(new Date(now.getTime() + delayMs)));
  return 'retry';
}

async function fail(ctx: DeliveryContext, m: OutboxMessage, reason: string): Promise<AttemptOutcome> {
  // Marked failed first, then reported: a failed row is never due again, so the report goes once.
  ctx.outbox.markFailed(m.id, reason, iso(ctx.clock()));
  ctx.uncertain.delete(m.id);
  ctx.logger.error({ key: m.key, platform: m.platform, error: reason }, 'outbox: delivery failed permanently');
  await ctx.reportFailure(ctx.outbox.byKey(m.key) ?? { ...m, state: 'failed', lastError: reason });
  return 'failed';
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  if (!(ms > 0) || !Number.isFinite(ms)) return p;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeoutError(ms)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

