import { describe, expect, it } from 'vitest';
import { rateLimitFloorMs } from '../../bench/support/rate-floor.js';

describe('rateLimitFloorMs', () => {
  it('is (ceil(n/limit) - 1) windows for a single window', () => {
    expect(rateLimitFloorMs(600, [{ limit: 300, perMs: 60_000 }])).toBe(60_000);
    expect(rateLimitFloorMs(601, [{ limit: 300, perMs: 60_000 }])).toBe(120_000);
    expect(rateLimitFloorMs(50, [{ limit: 50, perMs: 1_000 }])).toBe(0);
    expect(rateLimitFloorMs(1, [{ limit: 1, perMs: 1_000 }])).toBe(0);
  });

  it('combines windows: each minute\'s 300 calls need 15 s at 20 per second', () => {
    const slack = [{ limit: 300, perMs: 60_000 }, { limit: 20, perMs: 1_000 }];
    // Minute 1: 0..14 s; minute 2: 60..74 s.
    expect(rateLimitFloorMs(600, slack)).toBe(74_000);
    // 2,000: six full minutes, then 200 more at 20/s from 360 s → the last at 369 s.
    expect(rateLimitFloorMs(2_000, slack)).toBe(369_000);
    const feishu = [{ limit: 50, perMs: 1_000 }, { limit: 1_000, perMs: 60_000 }];
    expect(rateLimitFloorMs(600, feishu)).toBe(11_000);
    // 1,000 in 0..19 s, the next 1,000 in 60..79 s.
    expect(rateLimitFloorMs(2_000, feishu)).toBe(79_000);
  });
});
