// Thousands of random and mutated requests at both platforms' endpoints of the real bot: the process
// never dies, never answers 500 or leaks internals, and no team data is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/runtime/start-bot.js';
import { createRng, type Rng } from '../../src/core/simulate/prng.js';
import { signedInteraction, signedJson, signedForm, signedRaw } from '../fakes/slack-signing.js';
import { cardActionEvent, envelope, signRequest, textMessageEvent } from '../fakes/feishu-signing.js';
import { buttonClick, eventCallback, slashCommand, viewSubmission } from '../fixtures/slack/payloads.js';
import { captureLogs } from '../e2e/support/log-capture.js';
import { BOT_TOKEN, FEISHU_SECRETS, SIGNING_SECRET, startSlackBot, type SlackBot } from '../e2e/support/slack-bot.js';

const SLACK_SECRET = SIGNING_SECRET;
const FEISHU = { appSecret: FEISHU_SECRETS.appSecret, encryptKey: FEISHU_SECRETS.encryptKey, token: FEISHU_SECRETS.verificationToken };
const ROUNDS = 2000; // per endpoint

let h: SlackBot;
let bot: RunningBot;
const logs = captureLogs('info');
const clock = () => h.clock();
/** Request timestamps follow the bot's clock, as a real platform's would. */
const nowSec = () => Math.floor(clock().getTime() / 1000);

const TEAM_TABLES = ['members', 'customers', 'entries', 'reports', 'tasks', 'task_events', 'settings'];
const counts = () => Object.fromEntries(TEAM_TABLES.map((t) => [t, (bot.storage.sqlite!.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));

// The bot with both platforms in HTTP mode on one port, seeded with the e2e team.
beforeAll(async () => {
  h = await startSlackBot({ logger: logs.logger, logLevel: 'info', withFeishu: true });
  bot = h.bot;
});

afterAll(async () => {
  await h?.close();
});

async function post(path: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${bot.server!.port}${path}`, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: await res.text() };
}

const junkValues = (rng: Rng): unknown => rng.pick<unknown>([null, 0, -1, 1e308, '', 'x'.repeat(rng.int(1, 5000)), [], {}, [null], { a: { b: null } }, true, '\u0000', '😀', '<script>', NaN]);

/** Change one random place of a JSON value: drop a key, swap a type, nest junk. */
function mutate(rng: Rng, value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 4) return rng.chance(0.5) ? junkValues(rng) : value;
  if (Array.isArray(value)) return rng.chance(0.3) ? junkValues(rng) : value.map((v) => (rng.chance(0.3) ? mutate(rng, v, depth + 1) : v));
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(out);
  const key = keys.length > 0 ? rng.pick(keys) : 'k';
  const op = rng.int(0, 3);
  if (op === 0) delete out[key];
  else if (op === 1) out[key] = junkValues(rng);
  else out[key] = mutate(rng, out[key], depth + 1);
  return out;
}

function randomBytesBody(rng: Rng): Buffer {
  const n = rng.int(0, 4096);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

function expectSafe(r: { status: number; text: string }, label: string): void {
  expect(r.status, `${label}: ${r.text.slice(0, 200)}`).not.toBeGreaterThanOrEqual(500);
  expect(r.text, label).not.toMatch(/\bat .+\.(ts|js):\d+|Error:|stack/);
}

describe('HTTP fuzz', () => {
  it('survives random and mutated Slack requests', async () => {
    const rng = createRng(4242);
    const before = counts();
    const statuses = new Map<number, number>();
    const now = nowSec;
    for (let i = 0; i < ROUNDS; i++) {
      const kind = rng.int(0, 5);
      let req: { body: string | Buffer; headers: Record<string, string> };
      if (kind === 0) req = { body: randomBytesBody(rng), headers: { 'content-type': rng.pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain']) } };
      else if (kind === 1) req = signedRaw(SLACK_SECRET, randomBytesBody(rng).toString('latin1'), rng.pick(['application/json', 'application/x-www-form-urlencoded']), { timestampSec: now() });
      else if (kind === 2) req = signedInteraction(SLACK_SECRET, mutate(rng, rng.chance(0.5) ? buttonClick('task.claim|taskId=1', { user: `UFUZZ${i}` }) : viewSubmission('{"f":"report.save|customerId=1|week=2026-W48"}', { contacts: { contacts: { type: 'number_input', value: '3' } } }, `UFUZZ${i}`)), { timestampSec: now() });
      else if (kind === 3) req = signedJson(SLACK_SECRET, mutate(rng, eventCallback({ type: 'app_mention', user: `UFUZZ${i}`, text: '<@UBOT> top 5 risks', channel: 'C1', ts: `${now()}.0001` })), { timestampSec: now() });
      else if (kind === 4) req = signedForm(SLACK_SECRET, Object.fromEntries(Object.entries(slashCommand('top 5', `UFUZZ${i}`)).map(([k, v]) => [k, rng.chance(0.2) ? String(junkValues(rng)) : v])), { timestampSec: now() });
      else req = signedJson(SLACK_SECRET, junkValues(rng), { timestampSec: now() + rng.pick([0, -400, 400]) });
      const r = await post('/slack/events', req.body, req.headers);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expectSafe(r, `slack #${i} kind ${kind}`);
    }
    expect(counts()).toEqual(before);
    expect((await fetch(`http://127.0.0.1:${bot.server!.port}/healthz`)).status).toBe(200);
    // The fuzz reached past the signature check, not only the front door.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  });

  it('survives random and mutated Feishu requests', async () => {
    const rng = createRng(2424);
    const before = counts();
    const statuses = new Map<number, number>();
    for (let i = 0; i < ROUNDS; i++) {
      const kind = rng.int(0, 4);
      let req: { body: string | Buffer; headers: Record<string, string> };
      const operator = `ou_fuzz_${i}`;
      if (kind === 0) req = { body: randomBytesBody(rng), headers: { 'content-type': 'application/json' } };
      else if (kind === 1) req = signRequest(mutate(rng, envelope({ eventType: 'card.action.trigger', token: FEISHU.token, createTime: clock().getTime(), event: cardActionEvent({ operator, value: { a: 'task.claim|taskId=1' } }) })), { encryptKey: FEISHU.encryptKey, timestampSec: nowSec() });
      else if (kind === 2) req = signRequest(mutate(rng, envelope({ eventType: 'im.message.receive_v1', token: FEISHU.token, createTime: clock().getTime(), event: textMessageEvent({ sender: operator, text: '华星科技怎么样', chatType: 'p2p' }) })), { encryptKey: FEISHU.encryptKey, timestampSec: nowSec() });
      else if (kind === 3) {
        const signed = signRequest({ encrypt: 'x'.repeat(rng.int(0, 200)) }, { encryptKey: FEISHU.encryptKey, timestampSec: nowSec() });
        req = { body: signed.body, headers: { ...signed.headers, 'x-lark-signature': rng.chance(0.5) ? signed.headers['x-lark-signature']! : 'deadbeef' } };
      } else req = signRequest(junkValues(rng), { encryptKey: FEISHU.encryptKey, timestampSec: nowSec() + rng.pick([0, -400, 400]) });
      const r = await post('/feishu/events', req.body, req.headers);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expectSafe(r, `feishu #${i} kind ${kind}`);
    }
    expect(counts()).toEqual(before);
    expect((await fetch(`http://127.0.0.1:${bot.server!.port}/healthz`)).status).toBe(200);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
  });

  it('never logged a secret', () => {
    const text = logs.text();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [SLACK_SECRET, BOT_TOKEN, FEISHU.appSecret, FEISHU.encryptKey, FEISHU.token]) expect(text).not.toContain(secret);
  });
});
