import { describe, expect, it } from 'vitest';
import { backoffDelayMs, classifyError, decideRetry, DEFAULT_BACKOFF } from '../../../src/runtime/delivery/backoff.js';
import { ChatDeliveryError } from '../../../src/app/ports/chat.port.js';
import { expectKind } from '../../support/expect-kind.js';

const policy = { baseMs: 1_000, capMs: 60_000, minMs: 100, giveUpAfterMs: 24 * 3_600_000 };

describe('backoffDelayMs', () => {
  it('stays within [minMs, min(cap, base·2^(n-1))] for any jitter draw', () => {
    for (let attempt = 1; attempt <= 40; attempt++) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
      expect(backoffDelayMs(attempt, policy, () => 0)).toBe(policy.minMs);
      expect(backoffDelayMs(attempt, policy, () => 0.999999)).toBeLessThanOrEqual(ceiling);
      expect(backoffDelayMs(attempt, policy, () => 0.999999)).toBeGreaterThan(ceiling * 0.99);
      const r = backoffDelayMs(attempt, policy);
      expect(r).toBeGreaterThanOrEqual(policy.minMs);
      expect(r).toBeLessThanOrEqual(ceiling);
    }
  });

  it('is full jitter: draws spread over the whole range', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const draws = Array.from({ length: 2_000 }, () => backoffDelayMs(6, policy, random));
    const ceiling = 32_000;
    expect(Math.min(...draws)).toBeLessThan(ceiling * 0.05);
    expect(Math.max(...draws)).toBeGreaterThan(ceiling * 0.95);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(ceiling * 0.4);
    expect(mean).toBeLessThan(ceiling * 0.6);
  });

  it('never retries earlier than the platform asked (Retry-After)', () => {
    expect(backoffDelayMs(1, policy, () => 0, 30_000)).toBe(30_000);
    expect(backoffDelayMs(1, policy, () => 1, 30_000)).toBe(30_000);
    // A longer own backoff wins over a short Retry-After.
    expect(backoffDelayMs(10, policy, () => 1, 500)).toBe(60_000);
    // Even beyond the cap.
    expect(backoffDelayMs(30, policy, () => 1, 120_000)).toBe(120_000);
  });
});

describe('classifyError', () => {
  it('keeps ChatDeliveryError codes and treats anything else as transient', () => {
    expect(classifyError(new ChatDeliveryError('permanent', 'user_not_found')).kind).toBe('permanent');
    expect(classifyError(new ChatDeliveryError('rate_limited', '429', 7_000))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7_000 });
    expect(classifyError(new TypeError('socket hang up'))).toMatchObject({ kind: 'transient', retryAfterMs: null });
    expect(classifyError('weird')).toMatchObject({ kind: 'transient' });
  });
});

describe('decideRetry', () => {
  const createdAt = new Date('2026-03-06T08:00:00Z');
  const at = (ms: number) => new Date(createdAt.getTime() + ms);

  it('fails permanent errors at once', () => {
    const d = decideRetry({ error: new ChatDeliveryError('permanent', 'channel_archived'), attempts: 1, createdAt, now: createdAt, policy });
    expect(expectKind(d, 'fail').reason).toContain('channel_archived');
  });

  it('retries transient and rate-limited errors with growing delays, honouring Retry-After', () => {
    const d1 = decideRetry({ error: new Error('ECONNRESET'), attempts: 1, createdAt, now: createdAt, policy, random: () => 1 });
    const d5 = decideRetry({ error: new Error('ECONNRESET'), attempts: 5, createdAt, now: createdAt, policy, random: () => 1 });
    expect(expectKind(d5, 'retry').delayMs).toBeGreaterThan(expectKind(d1, 'retry').delayMs);
    const rl = decideRetry({ error: new ChatDeliveryError('rate_limited', 'slow down', 45_000), attempts: 1, createdAt, now: at(1000), policy, random: () => 0 });
    expect(rl).toMatchObject({ kind: 'retry', delayMs: 45_000 });
    expect(expectKind(rl, 'retry').nextAttemptAt.toISOString()).toBe(at(46_000).toISOString());
  });

  it('keeps retrying through an hour-long outage and gives up only after the horizon', () => {
    const hour = decideRetry({ error: new ChatDeliveryError('transient', '503'), attempts: 30, createdAt, now: at(3_600_000), policy });
    expect(hour.kind).toBe('retry');
    const almost = decideRetry({ error: new Error('x'), attempts: 300, createdAt, now: at(policy.giveUpAfterMs - 1), policy });
    expect(almost.kind).toBe('retry');
    const over = decideRetry({ error: new Error('x'), attempts: 301, createdAt, now: at(policy.giveUpAfterMs), policy });
    expect(expectKind(over, 'fail').reason).toMatch(/gave up after 301 attempts over 24\.0h/);
  });

  it('defaults to a 24 h horizon', () => {
    expect(DEFAULT_BACKOFF.giveUpAfterMs).toBe(24 * 3_600_000);
  });
});
