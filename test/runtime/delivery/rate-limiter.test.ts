import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/runtime/delivery/rate-limiter.js';
import { SLACK_DELIVERY } from '../../../adapters/slack/limits.js';
import { FEISHU_DELIVERY } from '../../../adapters/feishu/limits.js';

/** The two platforms' own send windows (each adapter's limits.ts). */
const DEFAULT_RATE_LIMITS = { ...SLACK_DELIVERY.windows, ...FEISHU_DELIVERY.windows };


function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; }, sleep: async (ms: number) => { t += ms; } };
}

describe('RateLimiter', () => {
  it('allows a burst up to the limit, then waits for the window to slide', () => {
    const c = fakeClock();
    const rl = new RateLimiter({ x: [{ limit: 5, perMs: 1_000 }] }, c.now);
    for (let i = 0; i < 5; i++) {
      expect(rl.tryAcquire(['x:a'])).toBe(0);
      c.advance(100);
    }
    // Calls at 0..400 ms: the one at 0 leaves the window at 1000.
    expect(rl.tryAcquire(['x:a'])).toBe(500);
    c.advance(499);
    expect(rl.tryAcquire(['x:a'])).toBe(1);
    c.advance(1);
    expect(rl.tryAcquire(['x:a'])).toBe(0);
    expect(rl.tryAcquire(['x:a'])).toBe(100);
    // Other scopes of the same kind are separate.
    expect(rl.tryAcquire(['x:b'])).toBe(0);
    // Unknown kinds are not limited.
    for (let i = 0; i < 100; i++) expect(rl.tryAcquire(['y:z'])).toBe(0);
  });

  it('counts a card of several messages as that many calls, at the answer, and uncounts them all on cancel', async () => {
    const c = fakeClock();
    const rl = new RateLimiter({ x: [{ limit: 5, perMs: 1_000 }] }, c.now);
    const three = await rl.acquire(['x:a'], c.sleep, 3);
    expect(three.calls).toBe(3);
    // Two slots are left: a two-part card fits, a third call waits for the window.
    expect(rl.tryAcquire(['x:a'], 2)).toBe(0);
    expect(rl.tryAcquire(['x:a'])).toBe(1_000);
    c.advance(200);
    rl.done(three); // its three calls now count from the answer (200 ms)
    c.advance(800);
    // At 1000 the two-part card's stamps (0 ms) left the window; the three answered at 200 have not.
    expect(rl.tryAcquire(['x:a'], 2)).toBe(0);
    expect(rl.tryAcquire(['x:a'])).toBe(200);
    // More calls than the window holds wait for an empty window rather than forever.
    const big = new RateLimiter({ x: [{ limit: 2, perMs: 1_000 }] }, c.now);
    expect(big.tryAcquire(['x:b'], 5)).toBe(0);
    expect(big.tryAcquire(['x:b'])).toBe(1_000);
    const held = await rl.acquire(['x:c'], c.sleep, 4);
    rl.cancel(held);
    expect(rl.tryAcquire(['x:c'], 5)).toBe(0);
  });

  it('keeps per-channel buckets separate but shares the workspace budget', () => {
    const c = fakeClock();
    const rl = new RateLimiter({ 'slack.channel': [{ limit: 1, perMs: 1_000 }], 'slack.workspace': [{ limit: 3, perMs: 3_000 }] }, c.now);
    expect(rl.tryAcquire(['slack.channel:A', 'slack.workspace:all'])).toBe(0);
    // Same channel: must wait a second.
    expect(rl.tryAcquire(['slack.channel:A', 'slack.workspace:all'])).toBe(1_000);
    // Other channels: free until the workspace budget runs out.
    expect(rl.tryAcquire(['slack.channel:B', 'slack.workspace:all'])).toBe(0);
    expect(rl.tryAcquire(['slack.channel:C', 'slack.workspace:all'])).toBe(0);
    expect(rl.tryAcquire(['slack.channel:D', 'slack.workspace:all'])).toBe(3_000);
    // A refused acquire counts nothing: channel D is still untouched.
    c.advance(3_000);
    expect(rl.tryAcquire(['slack.channel:D', 'slack.workspace:all'])).toBe(0);
  });

  it('applies every limit of a kind (Feishu 50/s and 1000/min per app)', async () => {
    const c = fakeClock();
    const rl = new RateLimiter(DEFAULT_RATE_LIMITS, c.now);
    const start = c.now();
    const perSecond: number[] = [];
    for (let i = 0; i < 1_200; i++) {
      await rl.acquire([`feishu.chat:u${i}`, 'feishu.app:all'], c.sleep);
      const s = Math.floor((c.now() - start) / 1_000);
      perSecond[s] = (perSecond[s] ?? 0) + 1;
    }
    expect(Math.max(...perSecond.filter((n) => n !== undefined))).toBe(50);
    // 1000 per minute: the first 1000 in the first minute, the rest after it.
    const firstMinute = perSecond.slice(0, 60).reduce((a, b) => a + (b ?? 0), 0);
    expect(firstMinute).toBe(1_000);
    expect(c.now() - start).toBeGreaterThanOrEqual(60_000);
  });

  it('limits one Feishu chat to 5 per second', async () => {
    const c = fakeClock();
    const rl = new RateLimiter(DEFAULT_RATE_LIMITS, c.now);
    const start = c.now();
    for (let i = 0; i < 25; i++) await rl.acquire(['feishu.chat:oc_1', 'feishu.app:all'], c.sleep);
    // 5 at once, then 20 more at 5/s: the 25th starts 4 s after the first.
    expect(c.now() - start).toBe(4_000);
  });

  it('pause() holds a scope for the Retry-After, without touching others', () => {
    const c = fakeClock();
    const rl = new RateLimiter(DEFAULT_RATE_LIMITS, c.now);
    rl.pause(['slack.channel:A', 'slack.workspace:all'], 30_000);
    expect(rl.tryAcquire(['slack.channel:A', 'slack.workspace:all'])).toBe(30_000);
    expect(rl.peek(['slack.channel:B'])).toBe(0);
    expect(rl.tryAcquire(['slack.channel:B', 'slack.workspace:all'])).toBe(30_000);
    c.advance(30_000);
    expect(rl.tryAcquire(['slack.channel:A', 'slack.workspace:all'])).toBe(0);
  });

  it('cuts a scope\'s budget on a 429 and probes back up to the configured budget, never past it', () => {
    const c = fakeClock();
    const pacing = { cut: 0.5, step: 0.25, probeAfter: 4, floor: 0.1 };
    const rl = new RateLimiter({ w: [{ limit: 100, perMs: 60_000 }] }, c.now, pacing);
    const sendsInAMinute = () => {
      let n = 0;
      const end = c.now() + 60_000;
      while (c.now() < end) {
        const wait = rl.tryAcquire(['w:all']);
        if (wait === 0) {
          n++;
          rl.succeeded(['w:all']);
        } else c.advance(Math.min(wait, end - c.now()));
      }
      return n;
    };
    expect(sendsInAMinute()).toBe(100);
    rl.pause(['w:all'], 1_000);
    expect(rl.shareOf('w:all')).toBe(0.5);
    rl.pause(['w:all'], 1_000);
    expect(rl.shareOf('w:all')).toBe(0.25);
    c.advance(60_000); // the old calls leave the window
    // At a quarter of the budget: 25 in the window, and every 4 successes give a quarter back.
    expect(rl.tryAcquire(['w:all'])).toBe(0);
    for (let i = 0; i < 3; i++) rl.succeeded(['w:all']);
    expect(rl.shareOf('w:all')).toBe(0.25);
    rl.succeeded(['w:all']);
    expect(rl.shareOf('w:all')).toBe(0.5);
    for (let i = 0; i < 40; i++) rl.succeeded(['w:all']);
    expect(rl.shareOf('w:all')).toBe(1);
    c.advance(60_000);
    expect(sendsInAMinute()).toBe(100);
    // Cuts stop at the floor: the scope is never starved.
    for (let i = 0; i < 20; i++) rl.pause(['w:all'], 0);
    expect(rl.shareOf('w:all')).toBe(0.1);
  });

  it('paces a cut budget: fewer calls fit in a window until it grows back', () => {
    const c = fakeClock();
    const rl = new RateLimiter({ w: [{ limit: 10, perMs: 1_000 }] }, c.now, { cut: 0.5, step: 0.5, probeAfter: 1_000, floor: 0.1 });
    rl.pause(['w:all'], 0);
    for (let i = 0; i < 5; i++) expect(rl.tryAcquire(['w:all'])).toBe(0);
    expect(rl.tryAcquire(['w:all'])).toBeGreaterThan(0);
  });

  it('rejects nonsense limits', () => {
    expect(() => new RateLimiter({ x: [{ limit: 0, perMs: 1_000 }] })).toThrow(/rate limit x/);
  });
  it('replicas: a fleet share splits the kinds it names; hold pauses without a cut; only its own pauses are announced', () => {
    const c = fakeClock();
    const rl = new RateLimiter({ ws: [{ limit: 20, perMs: 1_000 }], ch: [{ limit: 1, perMs: 1_000 }] }, c.now);
    const announced: Array<[readonly string[], number]> = [];
    rl.onPause((keys, ms) => announced.push([keys, ms]));
    rl.setFleetShare(['ws'], 1 / 3);
    let n = 0;
    while (rl.tryAcquire([`ch:${n}`, 'ws:all']) === 0) n++;
    expect(n).toBe(6); // floor(20 / 3): three replicas together stay under 20
    expect(rl.fleetShareOf('ws')).toBeCloseTo(1 / 3);
    expect(rl.fleetShareOf('ch')).toBe(1);
    expect(() => rl.setFleetShare(['ws'], 0)).toThrow(RangeError);

    c.advance(1_000);
    rl.hold(['ws:all'], 700); // another replica was told to wait
    expect(rl.peek(['ws:all'])).toBe(700);
    expect(rl.shareOf('ws:all')).toBe(1);
    expect(announced).toEqual([]);
    rl.pause(['ws:all'], 900); // this one was told: announced, and its pacing cut
    expect(announced).toEqual([[['ws:all'], 900]]);
    expect(rl.shareOf('ws:all')).toBeLessThan(1);
  });
});
