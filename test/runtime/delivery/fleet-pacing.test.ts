// Replicas share the workspace's rate budget through PostgreSQL: with two alive each paces app-wide
// scopes at half the budget (conversations keep theirs), a 429 one is told about stops both, and when one
// stops the other takes the whole budget back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPgDb } from '../../../src/storage/pg/db.js';
import { openFleetBoard } from '../../../src/storage/pg/fleet-board.js';
import { startFleetPacing, type FleetPacing } from '../../../src/runtime/delivery/fleet-pacing.js';
import { RateLimiter } from '../../../src/runtime/delivery/rate-limiter.js';
import { describePg } from '../../support/postgres.js';

const LIMITS = { 'slack.channel': [{ limit: 1, perMs: 1_000 }], 'slack.workspace': [{ limit: 20, perMs: 1_000 }] };
const quiet = { warn() {}, info() {} };
const waitFor = async (what: string, cond: () => boolean, ms = 5_000) => {
  for (const until = Date.now() + ms; !cond();) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
/** Calls `limiter` lets through at once to distinct channels of the workspace. */
const burst = (limiter: RateLimiter, tag: string) => {
  let n = 0;
  while (n < 100 && limiter.tryAcquire([`slack.channel:${tag}${n}`, 'slack.workspace:all']) === 0) n++;
  return n;
};

describePg('fleet pacing', (pg) => {
  const running: FleetPacing[] = [];
  beforeAll(async () => { await (await openPgDb(pg.url)).close(); });
  afterAll(async () => { for (const f of running) await f.stop(); });

  const replica = async (owner: string) => {
    const limiter = new RateLimiter(LIMITS);
    const fleet = await startFleetPacing({ board: openFleetBoard(pg.url), owner, limiter, sharedKinds: ['slack.workspace'], intervalMs: 100, logger: quiet });
    running.push(fleet);
    return { limiter, fleet };
  };

  it('two replicas: half the workspace budget each, a shared 429 pause, the whole budget back when one stops', async () => {
    const a = await replica('a');
    const b = await replica('b');
    await waitFor('both to see two replicas', () => a.fleet.replicas() === 2 && b.fleet.replicas() === 2);
    expect(a.limiter.fleetShareOf('slack.workspace')).toBe(0.5);
    expect(a.limiter.fleetShareOf('slack.channel')).toBe(1);
    // 20/s for the workspace: 10 each, 20 together — never more than the platform allows.
    expect(burst(a.limiter, 'A')).toBe(10);
    expect(burst(b.limiter, 'B')).toBe(10);

    // Slack tells b to wait 1.5 s: a waits too, without being told itself.
    await new Promise((r) => setTimeout(r, 1_100)); // the burst's windows have emptied
    expect(a.limiter.peek(['slack.workspace:all'])).toBe(0);
    b.limiter.pause(['slack.workspace:all'], 1_500);
    await waitFor('a to keep b\'s pause', () => a.limiter.peek(['slack.workspace:all']) > 1_000);
    expect(a.limiter.shareOf('slack.workspace:all')).toBe(1); // a keeps the pause, its pacing is not cut

    await b.fleet.stop();
    running.splice(running.indexOf(b.fleet), 1);
    await waitFor('a to take the whole budget back', () => a.fleet.replicas() === 1);
    expect(a.limiter.fleetShareOf('slack.workspace')).toBe(1);
  });
});
