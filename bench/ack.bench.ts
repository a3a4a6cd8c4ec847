// How fast a click is acknowledged: signed Slack block_actions and Feishu card callbacks at 50 concurrent
// through the running bot (our receivers, the SDKs, the router's work) vs the platform SDK's own HTTP
// handling with a listener that only acks. The server under test runs in its own process
// (bench/support/ack-server.ts); the fake platform API and the load generator run here, as the real
// platform runs elsewhere. Latency = request sent → response read. Rows: ack {slack,feishu} {p50,p99}.
// The work after the acks is not in the latency, so each row also says how much of it the fake API saw
// (followUps), how much had arrived by the last ack, and how long it took to finish after it (drainMs).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { startFakeSlackApi } from '../test/fakes/slack-api.fake.js';
import { startFakeFeishuApi } from '../test/fakes/feishu-api.fake.js';
import { signedInteraction } from '../test/fakes/slack-signing.js';
import { cardActionEvent, envelope, signRequest } from '../test/fakes/feishu-signing.js';
import { buttonClick } from '../test/fixtures/slack/payloads.js';
import { ACK_SECRETS, type AckClick } from './support/ack-secrets.js';
import { benchRow, printRows, type BenchRow } from './support/rows.js';
import { percentile, sizeFlags } from './support/args.js';

type Platform = 'slack' | 'feishu';
interface Served { child: ChildProcess; url: string; clicks: AckClick[] }

async function serve(platform: Platform, mode: 'ours' | 'bare', apiUrl: string): Promise<Served> {
  const child = spawn(process.execPath, [...(process.env.ACK_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.ACK_PROFILE] : []), '--import', 'tsx', join(import.meta.dirname, 'support/ack-server.ts'), platform, mode, apiUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`ack-server ${platform} ${mode} exited ${code}`)));
  });
  const ready = JSON.parse(first) as { port: number; path: string; clicks: AckClick[] };
  return { child, url: `http://127.0.0.1:${ready.port}${ready.path}`, clicks: ready.clicks };
}

function signed(platform: Platform, click: AckClick): { body: string; headers: Record<string, string> } {
  if (platform === 'slack') return signedInteraction(ACK_SECRETS.slackSigningSecret, buttonClick(click.value, { user: click.user, channel: click.channel, actionId: 'radar_1' }));
  return signRequest(envelope({
    eventType: 'card.action.trigger', token: ACK_SECRETS.feishuVerificationToken, appId: ACK_SECRETS.feishuAppId,
    event: cardActionEvent({ operator: click.user, value: { a: click.value }, chatId: click.channel }),
  }), { encryptKey: ACK_SECRETS.feishuEncryptKey });
}

/** `requests` signed clicks, `concurrency` in flight; each request's latency in ms. */
async function load(platform: Platform, served: Served, requests: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const i = next++;
      const req = signed(platform, served.clicks[i % served.clicks.length]!);
      const t0 = performance.now();
      const res = await fetch(served.url, { method: 'POST', headers: req.headers, body: req.body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${platform} request ${i}: HTTP ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

/** The work after the acks, as the fake platform API saw it: its calls during the load and until they stop. */
interface FollowUps {
  /** Web API calls made for the measured clicks (modals, notices, patches, private messages). */
  followUps: number;
  /** Of those, how many had arrived when the last ack did. */
  followUpsAtLastAck: number;
  /** From the last ack until the last follow-up call (the work still queued behind the acks). */
  drainMs: number;
}

/** Wait until the fake API gets no new call for `quietMs`; the time of the last one seen. */
async function settle(calls: { length: number }, quietMs = 300): Promise<number> {
  let seen = calls.length;
  let last = performance.now();
  while (performance.now() - last < quietMs) {
    await new Promise((r) => setTimeout(r, 10));
    if (calls.length !== seen) {
      seen = calls.length;
      last = performance.now();
    }
  }
  return last;
}

async function measure(platform: Platform, mode: 'ours' | 'bare', apiUrl: string, calls: { length: number }, requests: number, concurrency: number): Promise<{ latencies: number[]; work: FollowUps }> {
  const served = await serve(platform, mode, apiUrl);
  try {
    await load(platform, served, concurrency * 2, concurrency); // warm-up: JIT, page cache, sockets
    await settle(calls);
    const before = calls.length;
    const latencies = await load(platform, served, requests, concurrency);
    const lastAck = performance.now();
    const atLastAck = calls.length - before;
    const lastCall = await settle(calls);
    const followUps = calls.length - before;
    return { latencies, work: { followUps, followUpsAtLastAck: atLastAck, drainMs: followUps > atLastAck ? Math.round(lastCall - lastAck) : 0 } };
  } finally {
    served.child.kill('SIGTERM');
  }
}

async function rowsOf(platform: Platform, apiUrl: string, calls: { length: number }, requests: number, concurrency: number): Promise<BenchRow[]> {
  const { latencies: baseline } = await measure(platform, 'bare', apiUrl, calls, requests, concurrency);
  const { latencies: ours, work } = await measure(platform, 'ours', apiUrl, calls, requests, concurrency);
  const extra = { requests, concurrency, ...work };
  return [
    benchRow(`ack ${platform} p50`, percentile(ours, 50), percentile(baseline, 50), { maxRatio: 1.3 }, extra),
    benchRow(`ack ${platform} p99`, percentile(ours, 99), percentile(baseline, 99), { maxRatio: 1.3 }, extra),
  ];
}

const flags = sizeFlags();
const requests = flags.int('requests', 2000, 100);
const concurrency = flags.int('concurrency', 50, 10);
const slack = await startFakeSlackApi({ botUserId: 'UBOT', botId: 'BBOT' });
const feishu = await startFakeFeishuApi();
try {
  printRows([...await rowsOf('slack', slack.url, slack.calls, requests, concurrency), ...await rowsOf('feishu', feishu.url, feishu.calls, requests, concurrency)]);
} finally {
  await slack.close();
  await feishu.close();
}
