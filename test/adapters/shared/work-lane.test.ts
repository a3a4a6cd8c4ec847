// The work lane: one item starts per turn of the event loop, in order; overdue items catch up; idle()
// waits for everything queued, failures reach the caller.
import { describe, expect, it } from 'vitest';
import { WorkLane } from '../../../adapters/shared/work-lane.js';

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('WorkLane', () => {
  it('starts nothing synchronously, then one item per turn, in the order queued', async () => {
    const lane = new WorkLane();
    const started: number[] = [];
    const done = [1, 2, 3].map((n) => lane.run(() => { started.push(n); return n * 10; }));
    expect(started).toEqual([]);
    expect(lane.pending).toBe(3);
    await turn();
    expect(started).toEqual([1]);
    await turn();
    expect(started).toEqual([1, 2]);
    expect(await Promise.all(done)).toEqual([10, 20, 30]);
    expect(started).toEqual([1, 2, 3]);
    await lane.idle();
    expect(lane.pending).toBe(0);
    expect(lane.stats).toEqual({ started: 3, overdue: 0, failed: 0 });
  });

  it('a failure reaches the caller and does not stop the lane', async () => {
    const lane = new WorkLane();
    const bad = lane.run(async () => { throw new RangeError('no such customer'); });
    const good = lane.run(async () => 'ok');
    await expect(bad).rejects.toThrow('no such customer');
    expect(await good).toBe('ok');
    expect(lane.stats.failed).toBe(1);
  });

  it('idle() waits for work that is running and work queued meanwhile', async () => {
    const lane = new WorkLane();
    const order: string[] = [];
    let release!: () => void;
    void lane.run(() => new Promise<void>((r) => (release = r)).then(() => {
      order.push('first');
      void lane.run(() => { order.push('second'); });
    }));
    const idle = lane.idle().then(() => order.push('idle'));
    await turn();
    release();
    await idle;
    expect(order).toEqual(['first', 'second', 'idle']);
  });

  it('items that waited maxWaitMs start in the same turn, a few milliseconds\' worth at most', async () => {
    let now = 0;
    const lane = new WorkLane(1000, () => now);
    const started: number[] = [];
    for (let n = 1; n <= 5; n += 1) void lane.run(() => { started.push(n); });
    now = 1500; // all five are overdue; the fake clock does not move while they start
    await turn();
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(lane.stats.overdue).toBe(4);
  });

  it('an overdue slice ends after its time: the rest waits for the next turns', async () => {
    let now = 0;
    const lane = new WorkLane(1000, () => now);
    const started: number[] = [];
    // Each item takes 3 ms of the (fake) clock: the 4 ms slice fits the first item and one overdue one.
    for (let n = 1; n <= 4; n += 1) void lane.run(() => { started.push(n); now += 3; });
    now = 2000;
    await turn();
    expect(started).toEqual([1, 2]);
    await turn();
    expect(started).toEqual([1, 2, 3, 4]);
  });
});
