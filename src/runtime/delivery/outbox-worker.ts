// The outbox worker: delivers every due outbox message through the right ChatPort, rate-limited,
// retried with backoff, at most one attempt at a time per conversation, exactly once per key.
// Several workers (bot replicas on one PostgreSQL) may drain one outbox: each takes messages with a lease
// (OutboxRepo.claimDue) under its own `owner` name, so a message is held by one worker at a time.
import type { Logger } from 'pino';
import type { ChatPort, Platform } from '../../app/ports/chat.port.js';
import type { OutboxMessage, OutboxRepo } from '../../app/ports/delivery.port.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { scopesOf, deliverOne, type AttemptOutcome, type DeliveryContext } from './deliver-one.js';
import { limitsOf, RateLimiter, type RateLimits } from './rate-limiter.js';

export interface OutboxWorkerOptions {
  outbox: OutboxRepo;
  /** Ports by platform; a message for a platform without a port stays pending (lastError says why). */
  ports: Partial<Record<Platform, ChatPort>>;
  clock?: () => Date;
  logger?: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Limits by scope kind, over the ports' own (their adapters' limits.ts); ignored when `limiter` is given. */
  limits?: RateLimits;
  limiter?: RateLimiter;
  backoff?: Partial<BackoffPolicy>;
  /** Jitter source, [0, 1). */
  random?: () => number;
  /** How waiting is done (rate limits); tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** A platform call with no answer after this long counts as "outcome unknown". Default 30 s. */
  sendTimeoutMs?: number;
  /** Messages read per query. Default 100. */
  batchSize?: number;
  /**
   * This worker's name on the messages it holds. Default 'local': one worker per database (SQLite), which
   * takes its own held messages back at once after a restart. Replicas sharing a database need distinct names.
   */
  owner?: string;
  /** How long a held message stays this worker's before another may take it over (its worker died). Default 120 s. */
  leaseMs?: number;
  /** Conversations served in parallel (each conversation strictly in order). Default 16: keeps Feishu 50/s busy at ~300 ms a call. */
  concurrency?: number;
  /** Poll interval of start(). Default 1 s. */
  pollIntervalMs?: number;
  updateWaitMs?: number;
  noPortRetryMs?: number;
  /** Rate-limit scopes of a message; default: its conversation + the platform's app/workspace. */
  scopesFor?: (m: OutboxMessage) => string[];
  /** Called once per message that failed permanently (report it to the team's managers). */
  onPermanentFailure?: (message: OutboxMessage) => void | Promise<void>;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
}

export interface OutboxWorker {
  /** Deliver everything due now (as of the call); resolves when each has had its attempt. */
  drainOnce(): Promise<DrainResult>;
  /** Poll every `pollIntervalMs` (and at once after notify()) until stop(). */
  start(): void;
  /** Finish the attempts in progress, then stop polling. */
  stop(): Promise<void>;
  /** Something was enqueued: drain soon rather than at the next poll. */
  notify(): void;
}

const NOOP_LOGGER = { info() {}, warn() {}, error() {}, debug() {} };

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? NOOP_LOGGER;
  const batchSize = options.batchSize ?? 100;
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  let stopping = false;

  // Sleeps stop() can cut short, so a long rate-limit wait does not hold up shutdown.
  const wakers = new Set<() => void>();
  const interruptibleSleep = (ms: number) => new Promise<void>((resolve) => {
    const done = () => { clearTimeout(t); wakers.delete(done); resolve(); };
    const t = setTimeout(done, ms);
    wakers.add(done);
  });
  const wakeAll = () => { for (const w of [...wakers]) w(); };

  const lease = { owner: options.owner ?? 'local', leaseMs: options.leaseMs ?? 120_000 };
  const ctx: DeliveryContext = {
    outbox: options.outbox,
    lease,
    ports: options.ports,
    clock,
    logger,
    limiter: options.limiter ?? new RateLimiter({ ...limitsOf(options.ports), ...options.limits }, () => clock().getTime()),
    sleep: options.sleep ?? interruptibleSleep,
    policy: { ...DEFAULT_BACKOFF, ...options.backoff },
    random: options.random ?? Math.random,
    sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
    updateWaitMs: options.updateWaitMs ?? 2_000,
    noPortRetryMs: options.noPortRetryMs ?? 60_000,
    scopesFor: options.scopesFor ?? scopesOf(options.ports),
    uncertain: new Set(),
    stopped: () => stopping,
    reportFailure: async (m) => {
      try {
        await options.onPermanentFailure?.(m);
      } catch (err) {
        logger.error({ key: m.key, err: String(err) }, 'outbox: reporting a failed delivery failed');
      }
    },
  };

  /**
   * Deliver everything due now. Lanes pull messages one at a time from a queue kept topped up from the
   * outbox (no pause at the end of a batch while the last few sends finish): `concurrency` conversations
   * at once, each conversation's messages in order, one at a time.
   */
  async function drain(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
    // A fixed cutoff: a message retried (or queued) during this drain is due later than it, so the loop ends.
    const cutoff = clock().toISOString();
    const waiting = new Map<string, OutboxMessage[]>(); // by conversation, in the order they were queued
    const busy = new Set<string>();
    let queued = 0;
    let lastId = 0;
    let exhausted = false;
    let wakeLanes: Array<() => void> = [];
    const refill = () => {
      if (exhausted || queued >= concurrency * 2) return;
      const batch = options.outbox.claimDue({ owner: lease.owner, leaseMs: lease.leaseMs, dueBy: cutoff, now: clock().toISOString(), limit: batchSize, afterId: lastId });
      if (batch.length === 0) exhausted = true;
      for (const m of batch) {
        lastId = Math.max(lastId, m.id);
        const k = conversationKey(m);
        const q = waiting.get(k);
        if (q) q.push(m);
        else waiting.set(k, [m]);
        queued += 1;
      }
    };
    const take = (): [string, OutboxMessage] | null => {
      for (const [k, q] of waiting) {
        if (busy.has(k)) continue;
        const m = q.shift()!;
        if (q.length === 0) waiting.delete(k);
        queued -= 1;
        return [k, m];
      }
      return null;
    };
    const lane = async () => {
      while (!stopping) {
        refill();
        const next = take();
        if (!next) {
          if (exhausted && queued === 0) return;
          // Everything waiting belongs to conversations in flight: wait until one is free.
          await new Promise<void>((resolve) => wakeLanes.push(resolve));
          continue;
        }
        const [k, m] = next;
        busy.add(k);
        const outcome = await deliverOne(ctx, m).catch((err: unknown) => {
          // A repo or port bug must not stop the other messages; the row stays due for the next drain.
          logger.error({ key: m.key, err: String(err) }, 'outbox: unexpected error while delivering');
          return 'skipped' as AttemptOutcome;
        });
        busy.delete(k);
        if (outcome === 'sent') result.sent++;
        else if (outcome === 'retry') result.retried++;
        else if (outcome === 'failed') result.failed++;
        const woken = wakeLanes;
        wakeLanes = [];
        for (const wake of woken) wake();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return result;
  }

  let chain: Promise<unknown> = Promise.resolve();
  const drainOnce = (): Promise<DrainResult> => {
    if (!loop) stopping = false; // a manual drain after stop() works again
    const run = chain.then(drain, drain);
    chain = run.catch(() => undefined);
    return run;
  };

  let loop: Promise<void> | null = null;
  let wakeRequested = false;
  let wakeLoop: (() => void) | null = null;

  function start(): void {
    if (loop) return;
    stopping = false;
    loop = (async () => {
      while (!stopping) {
        wakeRequested = false;
        try {
          const r = await drainOnce();
          if (r.sent + r.retried + r.failed > 0) logger.info(r, 'outbox: drained');
        } catch (err) {
          logger.error({ err: String(err) }, 'outbox: drain failed');
        }
        if (stopping || wakeRequested) continue;
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => { wakeLoop = null; resolve(); }, pollIntervalMs);
          wakeLoop = () => { clearTimeout(t); wakeLoop = null; resolve(); };
        });
      }
    })();
  }

  async function stop(): Promise<void> {
    stopping = true;
    wakeLoop?.();
    wakeAll();
    await loop;
    await chain;
    loop = null;
  }

  function notify(): void {
    wakeRequested = true;
    wakeLoop?.();
  }

  return { drainOnce, start, stop, notify };
}

/** Messages to one conversation go out one at a time, in order. */
function conversationKey(m: OutboxMessage): string {
  const d = m.destination;
  return `${m.platform}:${d.kind === 'user' ? `u:${d.userId}` : `c:${d.channelId}`}`;
}
