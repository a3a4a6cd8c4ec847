// RADAR_RATE_LIMITS replaces named scopes' windows and keeps the rest; a bad spec names the scope.
import { describe, expect, it } from 'vitest';
import { parseRateLimits } from '../../../src/runtime/delivery/rate-limits-spec.js';
import { RateLimiter } from '../../../src/runtime/delivery/rate-limiter.js';

import { ConfigError, loadConfig } from '../../../src/config/env.js';
import { SLACK_DELIVERY } from '../../../adapters/slack/limits.js';
import { FEISHU_DELIVERY } from '../../../adapters/feishu/limits.js';

/** The two platforms' own send windows (each adapter's limits.ts). */
const DEFAULT_RATE_LIMITS = { ...SLACK_DELIVERY.windows, ...FEISHU_DELIVERY.windows };

describe('RADAR_RATE_LIMITS', () => {
  it('replaces the named scopes with its windows and keeps every other default', () => {
    const limits = parseRateLimits('slack.workspace=100/min+10/s, feishu.chat=2/s', DEFAULT_RATE_LIMITS);
    expect(limits['slack.workspace']).toEqual([{ limit: 100, perMs: 60_000 }, { limit: 10, perMs: 1_000 }]);
    expect(limits['feishu.chat']).toEqual([{ limit: 2, perMs: 1_000 }]);
    expect(limits['slack.channel']).toEqual(DEFAULT_RATE_LIMITS['slack.channel']);
    expect(limits['feishu.app']).toEqual(DEFAULT_RATE_LIMITS['feishu.app']);
    expect(parseRateLimits('', DEFAULT_RATE_LIMITS)).toEqual(DEFAULT_RATE_LIMITS);
    expect(parseRateLimits(undefined, DEFAULT_RATE_LIMITS)).toEqual(DEFAULT_RATE_LIMITS);
  });

  it('is what the limiter then holds a scope to', () => {
    let now = 0;
    const limiter = new RateLimiter(parseRateLimits('feishu.chat=2/h', DEFAULT_RATE_LIMITS), () => now);
    expect(limiter.tryAcquire(['feishu.chat:oc_1'])).toBe(0);
    expect(limiter.tryAcquire(['feishu.chat:oc_1'])).toBe(0);
    expect(limiter.tryAcquire(['feishu.chat:oc_1'])).toBe(3_600_000); // the third waits the hour out
    expect(limiter.tryAcquire(['feishu.chat:oc_2'])).toBe(0); // another chat has its own budget
    now = 3_600_001;
    expect(limiter.tryAcquire(['feishu.chat:oc_1'])).toBe(0);
  });

  it('refuses a bad spec with the scope and what is expected', () => {
    expect(() => parseRateLimits('slack.workspace=fast', DEFAULT_RATE_LIMITS)).toThrow('RADAR_RATE_LIMITS: slack.workspace: expected LIMIT/UNIT such as 300/min or 20/s (units s, min, h; limit ≥ 1), got "fast"');
    expect(() => parseRateLimits('slack.workspace=0/s', DEFAULT_RATE_LIMITS)).toThrow(/slack\.workspace: expected LIMIT\/UNIT/);
    expect(() => parseRateLimits('teams.tenant=5/s', DEFAULT_RATE_LIMITS)).toThrow('RADAR_RATE_LIMITS: teams.tenant: unknown scope (expected one of slack.channel, slack.workspace, feishu.chat, feishu.app)');
    expect(() => parseRateLimits('20/s', DEFAULT_RATE_LIMITS)).toThrow('RADAR_RATE_LIMITS: expected scope=LIMIT/UNIT, got "20/s"');
  });

  it('is read by loadConfig, and a bad value is reported with the other configuration problems', () => {
    expect(loadConfig({ RADAR_RATE_LIMITS: 'slack.channel=2/s' }).rateLimits?.['slack.channel']).toEqual([{ limit: 2, perMs: 1_000 }]);
    expect(loadConfig({}).rateLimits).toEqual(DEFAULT_RATE_LIMITS);
    let error: unknown;
    try { loadConfig({ RADAR_RATE_LIMITS: 'slack.channel=lots' }); } catch (err) { error = err; }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^RADAR_RATE_LIMITS: slack\.channel: expected/)]);
  });
});
