// Benchmark `fan-out`: prompting 2,000 reps through the real chat ports (Slack WebClient, Lark node-sdk)
// to the loopback fakes, behind a proxy that enforces the platforms' documented limits and answers 429
// as they do. Baseline, same run: the rate-limit floor — the least time those limits allow for that many
// messages — or, when the limits allow them all at once, the time the same sends take with no limits at
// all. Also counted at the fake: duplicates and lost prompts (targets: ratio ≤ 1.1, 0 and 0).
// `--time-scale K` shrinks every limit window K times (the floor shrinks with it), so a run at the real
// Slack budget (2,000 at 300/min ≈ 6 min) can be sampled quickly; the README says which scale was used.
// Run: npx tsx bench/fan-out.bench.ts [--reps 2000] [--time-scale 1] [--platform slack|feishu|both] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/storage/db.js';
import { createRepositories } from '../src/storage/repositories.js';
import { DEFAULT_SETTINGS } from '../src/config/radar-config.js';
import { silentLogger } from '../src/runtime/logging/logger.js';
import { createOutboxWorker } from '../src/runtime/delivery/outbox-worker.js';
import { type RateLimits, type WindowLimit } from '../src/runtime/delivery/rate-limiter.js';

import { runCycleStep } from '../src/runtime/run-step.js';
import type { RadarApp } from '../src/app/radar-app.js';
import type { ChatPort, Platform } from '../src/app/ports/chat.port.js';
import { SlackChatPort } from '../adapters/slack/transport/chat-port.js';
import { FeishuChatPort } from '../adapters/feishu/transport/chat-port.js';
import { createLarkClient } from '../adapters/feishu/transport/open-api.js';
import { startFakeSlackApi } from '../test/fakes/slack-api.fake.js';
import { startFakeFeishuApi } from '../test/fakes/feishu-api.fake.js';
import { feishuMessageRoute, slackPostMessageRoute, startRateLimitProxy, type ProxyWindow } from '../test/fakes/rate-limit-proxy.js';
import { note, sizeFlags } from './support/args.js';
import { benchRow, printRows, type BenchRow } from './support/rows.js';
import { rateLimitFloorMs } from './support/rate-floor.js';
import { SLACK_DELIVERY } from '../adapters/slack/limits.js';
import { FEISHU_DELIVERY } from '../adapters/feishu/limits.js';

/** The two platforms' own send windows (each adapter's limits.ts). */
const DEFAULT_RATE_LIMITS = { ...SLACK_DELIVERY.windows, ...FEISHU_DELIVERY.windows };

const flags = sizeFlags();
const reps = flags.int('reps', 2_000, 60);
const timeScale = flags.int('time-scale', 1, 20);
const platformAt = process.argv.indexOf('--platform');
const which = platformAt >= 0 ? process.argv[platformAt + 1] : 'both';
const WEEK = '2026-W47'; // a week whose prompt time has passed: nothing waits for a rep's local hour
const logger = silentLogger();

const scaled = (list: readonly WindowLimit[]): ProxyWindow[] => list.map((w) => ({ limit: w.limit, perMs: w.perMs / timeScale }));
const scaledLimits: RateLimits = Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([k, v]) => [k, scaled(v)]));
/**
 * The least time `n` calls can take under the workspace/app windows, all at once (each prompt goes to a
 * different DM, so the per-channel/chat windows never bind); see bench/support/rate-floor.ts.
 */
const floorMs = (n: number, windows: readonly ProxyWindow[]) => rateLimitFloorMs(n, windows);

interface Run { elapsedMs: number; bareMs: number; floor: number; duplicates: number; lost: number; refused: number }

async function fanOut(platform: Platform, chat: ChatPort, seed: (repos: ReturnType<typeof createRepositories>, memberId: number, i: number) => void): Promise<{ elapsedMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-fanout-'));
  const db = openDb(join(dir, 'radar.sqlite'));
  try {
    const repos = createRepositories(db);
    const team = repos.teams.ensureTeam({ name: 'Sales', timezone: 'Asia/Shanghai', locale: 'en' });
    for (let i = 1; i <= reps; i++) seed(repos, repos.teams.upsertMember({ teamId: team.id, email: `rep${i}@example.com`, name: `Rep ${i}`, role: 'rep' }).id, i);
    const worker = createOutboxWorker({ outbox: repos.outbox, ports: { [platform]: chat }, logger, limits: scaledLimits });
    const app: RadarApp = { ctx: { repos, settings: DEFAULT_SETTINGS, clock: () => new Date(), logger }, platforms: [{ platform, chat, managerChannel: platform === 'slack' ? 'CMGR' : 'oc_mgr' }], notifyOutbox: () => undefined };
    await runCycleStep(app, team.id, WEEK, 'prompt');
    const t = performance.now();
    for (;;) {
      const r = await worker.drainOnce();
      if (r.sent + r.failed + r.retried > 0) continue;
      if (repos.outbox.due('9999-01-01T00:00:00Z', 1).length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20)); // a retried message waits for its time
    }
    return { elapsedMs: performance.now() - t };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bareSends(n: number, send: (i: number) => Promise<unknown>): Promise<number> {
  const t = performance.now();
  let next = 1;
  await Promise.all(Array.from({ length: 4 }, async () => { while (next <= n) await send(next++); }));
  return performance.now() - t;
}

async function slackRun(): Promise<Run> {
  const fake = await startFakeSlackApi({});
  const workspace = scaled(DEFAULT_RATE_LIMITS['slack.workspace']!);
  const proxy = await startRateLimitProxy(fake.url, slackPostMessageRoute(workspace, scaled(DEFAULT_RATE_LIMITS['slack.channel']!)), 'slack');
  try {
    for (let i = 1; i <= reps; i++) fake.addUser({ id: `U${String(i).padStart(6, '0')}`, email: `rep${i}@example.com`, name: `Rep ${i}` });
    const chat = new SlackChatPort({ botToken: 'xoxb-bench', apiUrl: proxy.url, logger, timeoutMs: 60_000 });
    const { elapsedMs } = await fanOut('slack', chat, (repos, id, i) => repos.teams.setPlatformId(id, 'slack', `U${String(i).padStart(6, '0')}`));
    const prompts = fake.messages.filter((m) => !m.thread_ts);
    const perChannel = new Map<string, number>();
    for (const m of prompts) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
    const bareChat = new SlackChatPort({ botToken: 'xoxb-bench', apiUrl: fake.url, logger, timeoutMs: 60_000 });
    const bareMs = await bareSends(reps, (i) => bareChat.client.chat.postMessage({ channel: `DBARE${i}`, text: 'bare' }));
    return {
      elapsedMs, bareMs, floor: floorMs(reps, workspace), refused: proxy.refused,
      duplicates: [...perChannel.values()].reduce((s, n) => s + Math.max(0, n - 1), 0),
      lost: reps - perChannel.size,
    };
  } finally {
    await proxy.close();
    await fake.close();
  }
}

async function feishuRun(): Promise<Run> {
  const fake = await startFakeFeishuApi();
  const app = scaled(DEFAULT_RATE_LIMITS['feishu.app']!);
  const proxy = await startRateLimitProxy(fake.url, feishuMessageRoute(app, scaled(DEFAULT_RATE_LIMITS['feishu.chat']!)), 'feishu');
  try {
    const openId = (i: number) => `ou_${String(i).padStart(30, '0')}`;
    const client = createLarkClient({ appId: 'cli_bench000000000', appSecret: 'bench-secret', domain: proxy.url.replace(/\/$/, ''), timeoutMs: 60_000, logger });
    const chat = new FeishuChatPort(client, logger);
    const { elapsedMs } = await fanOut('feishu', chat, (repos, id, i) => repos.teams.setPlatformId(id, 'feishu', openId(i)));
    const perUser = new Map<string, number>();
    for (const m of fake.messages) if (m.receive_id) perUser.set(m.receive_id, (perUser.get(m.receive_id) ?? 0) + 1);
    const bareClient = createLarkClient({ appId: 'cli_bench000000000', appSecret: 'bench-secret', domain: fake.url, timeoutMs: 60_000, logger });
    const bareMs = await bareSends(reps, (i) => bareClient.im.message.create({
      params: { receive_id_type: 'open_id' }, data: { receive_id: `ou_bare${i}`, msg_type: 'text', content: JSON.stringify({ text: 'bare' }) },
    }));
    return {
      elapsedMs, bareMs, floor: floorMs(reps, app), refused: proxy.refused,
      duplicates: [...perUser.values()].reduce((s, n) => s + Math.max(0, n - 1), 0),
      lost: reps - perUser.size,
    };
  } finally {
    await proxy.close();
    await fake.close();
  }
}

const rows: BenchRow[] = [];
for (const [name, run] of [['slack', slackRun], ['feishu', feishuRun]] as const) {
  if (which !== 'both' && which !== name) continue;
  const r = await run();
  const baseline = Math.max(r.floor, r.bareMs);
  note(`fan-out ${name}: ${reps} prompts in ${(r.elapsedMs / 1000).toFixed(1)} s; floor ${(r.floor / 1000).toFixed(1)} s, unlimited ${(r.bareMs / 1000).toFixed(1)} s; ${r.refused} refused with 429`);
  const row = benchRow(`fan-out ${name}`, r.elapsedMs, baseline, { maxRatio: 1.1 }, { reps, timeScale, duplicates: r.duplicates, lost: r.lost, refused429: r.refused, floorMs: Math.round(r.floor) });
  rows.push({ ...row, target: `${row.target}, 0 duplicates, 0 lost`, ok: row.ok && r.duplicates === 0 && r.lost === 0 });
}
printRows(rows);
