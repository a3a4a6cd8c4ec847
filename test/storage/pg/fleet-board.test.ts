// The replicas' notice board on a real PostgreSQL: who is alive (a replica not seen for the stale limit
// is gone; one that leaves is gone at once) and the platforms' pauses, which every replica reads back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPgDb } from '../../../src/storage/pg/db.js';
import { openFleetBoard, type FleetBoard } from '../../../src/storage/pg/fleet-board.js';
import { describePg } from '../../support/postgres.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePg('fleet board', (pg) => {
  let a: FleetBoard;
  let b: FleetBoard;
  beforeAll(async () => {
    await (await openPgDb(pg.url)).close(); // migrations create the board's tables
    a = openFleetBoard(pg.url);
    b = openFleetBoard(pg.url);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('counts the replicas alive: a silent one drops out after the stale limit, a leaving one at once', async () => {
    expect((await a.beat('replica-a', 600)).replicas).toBe(1);
    expect((await b.beat('replica-b', 600)).replicas).toBe(2);
    expect((await a.beat('replica-a', 600)).replicas).toBe(2);
    await sleep(700); // b says nothing for longer than the stale limit
    expect((await a.beat('replica-a', 600)).replicas).toBe(1);
    expect((await b.beat('replica-b', 600)).replicas).toBe(2);
    await b.leave('replica-b');
    expect((await a.beat('replica-a', 60_000)).replicas).toBe(1);
  });

  it('shares a pause: the other replica reads how long it still lasts; a longer one wins, a spent one is gone', async () => {
    await a.pause(['slack.workspace:all'], 2_000);
    await a.pause(['slack.workspace:all'], 500); // shorter: the 2 s pause stands
    await a.pause(['slack.channel:D1'], 0); // no wait given: nothing to share
    const view = await b.beat('replica-b', 60_000);
    expect(view.pauses.map((p) => p.scope)).toEqual(['slack.workspace:all']);
    const remaining = view.pauses[0]!.remainingMs;
    expect(remaining).toBeGreaterThan(1_500);
    expect(remaining).toBeLessThanOrEqual(2_000);
    await a.pause(['feishu.app:all', 'feishu.chat:oc_1'], 300);
    expect((await b.beat('replica-b', 60_000)).pauses.map((p) => p.scope).sort()).toEqual(['feishu.app:all', 'feishu.chat:oc_1', 'slack.workspace:all']);
    await sleep(400);
    expect((await b.beat('replica-b', 60_000)).pauses.map((p) => p.scope)).toEqual(['slack.workspace:all']);
  });
});
