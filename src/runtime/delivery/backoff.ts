// Retry policy for outbound messages: exponential backoff with full jitter, the platform's own
// Retry-After honoured, and a give-up horizon long enough that an outage delays but does not lose.
import { ChatDeliveryError } from '../../app/ports/chat.port.js';

export interface BackoffPolicy {
  /** Delay ceiling of the first retry (the jittered delay is drawn from [minMs, baseMs]). */
  baseMs: number;
  /** Largest ceiling, however many attempts failed. */
  capMs: number;
  /** Never retry sooner than this (avoids hot loops when the jitter draws ~0). */
  minMs: number;
  /** Transient and rate-limited errors are retried until the message is this old, then it fails. */
  giveUpAfterMs: number;
}

/** 1 s doubling to 5 min, for up to 24 h: an hour-long outage ends at most ~5 min late. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1_000,
  capMs: 5 * 60_000,
  minMs: 250,
  giveUpAfterMs: 24 * 60 * 60_000,
};

export type ErrorClass = 'rate_limited' | 'transient' | 'permanent';

export interface ClassifiedError {
  kind: ErrorClass;
  /** What the platform asked us to wait, if it said. */
  retryAfterMs: number | null;
  message: string;
  /** A rate limit on one conversation only (the platform said so): the rest keeps going. */
  conversationOnly?: boolean;
}

/** A ChatDeliveryError keeps its class; anything else (a bug, a socket error) counts as transient. */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof ChatDeliveryError || isDeliveryErrorLike(error)) {
    const e = error as ChatDeliveryError;
    const retryAfterMs = typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs) && e.retryAfterMs > 0 ? e.retryAfterMs : null;
    return { kind: e.code, retryAfterMs, message: `${e.code}: ${e.message}`, ...(e.limit === 'conversation' ? { conversationOnly: true } : {}) };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'transient', retryAfterMs: null, message: `transient: ${message}` };
}

// Same shape from another copy of the module (e.g. a bundled adapter) still counts.
function isDeliveryErrorLike(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'ChatDeliveryError') return false;
  const code = (error as { code?: unknown }).code;
  return code === 'rate_limited' || code === 'transient' || code === 'permanent';
}

/**
 * Full-jitter delay before retry number `attempt` (1 = first retry):
 * uniform in [minMs, min(capMs, baseMs · 2^(attempt-1))], and never below `retryAfterMs`.
 */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
  retryAfterMs: number | null = null,
): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^n overflows to Infinity long after the cap applies; min() keeps it finite.
  const ceiling = Math.max(policy.minMs, Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1)));
  const r = Math.min(1, Math.max(0, random()));
  const jittered = Math.round(policy.minMs + r * (ceiling - policy.minMs));
  return retryAfterMs != null ? Math.max(jittered, Math.ceil(retryAfterMs)) : jittered;
}

export type RetryDecision =
  | { kind: 'retry'; delayMs: number; nextAttemptAt: Date; error: ClassifiedError }
  | { kind: 'fail'; reason: string; error: ClassifiedError };

export interface RetryInput {
  error: unknown;
  /** Attempts made so far, including the one that just failed (≥ 1). */
  attempts: number;
  /** When the message was first enqueued: the horizon counts from here. */
  createdAt: Date;
  now: Date;
  policy?: BackoffPolicy;
  random?: () => number;
}

/**
 * Permanent errors fail at once; a 429 that said how long retries exactly that much later; others retry
 * with growing delays until the horizon, then fail.
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const policy = input.policy ?? DEFAULT_BACKOFF;
  const error = classifyError(input.error);
  if (error.kind === 'permanent') return { kind: 'fail', reason: error.message, error };
  const age = input.now.getTime() - input.createdAt.getTime();
  if (age >= policy.giveUpAfterMs) {
    return { kind: 'fail', reason: `gave up after ${input.attempts} attempts over ${formatMs(age)}; last error ${error.message}`, error };
  }
  // The platform said when: exactly then (the rate limiter paces the resumption, so no jitter is needed
  // to spread the retries). Otherwise, and for other errors, jittered exponential backoff.
  const delayMs = error.kind === 'rate_limited' && error.retryAfterMs != null
    ? Math.ceil(error.retryAfterMs)
    : backoffDelayMs(input.attempts, policy, input.random, error.retryAfterMs);
  return { kind: 'retry', delayMs, nextAttemptAt: new Date(input.now.getTime() + delayMs), error };
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)}min`;
  return `${(ms / 3_600_000).toFixed(1)}h`;
}
