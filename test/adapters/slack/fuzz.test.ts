// Correctly signed but odd bodies: the endpoint answers without crashing and without internals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../../src/ui/action.js';
import { createLogger } from '../../../src/runtime/logging/logger.js';
import { signedRaw } from '../../fakes/slack-signing.js';
import { buttonClick, eventCallback, slashCommand, viewSubmission } from '../../fixtures/slack/payloads.js';
import { SECRET, startHarness, type Harness } from './e2e-support.js';
import { answer } from '../../../src/app/answer.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness(process.env.FUZZ_DEBUG ? { logger: createLogger({ level: 'debug' }) } : {});
});
afterEach(async () => {
  await h.close();
});

/** Deterministic PRNG so a failure is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function mutate(value: unknown, rand: () => number, depth = 0): unknown {
  const r = rand();
  if (depth > 3 || value === null || typeof value !== 'object') {
    if (r < 0.15) return null;
    if (r < 0.3) return [];
    if (r < 0.4) return 12345;
    if (r < 0.5) return {};
    if (r < 0.55) return '<!channel> \u0000 ☃';
    return value;
  }
  if (Array.isArray(value)) return r < 0.2 ? null : value.map((v) => mutate(v, rand, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (rand() < 0.15) continue;
    out[k] = mutate(v, rand, depth + 1);
  }
  return out;
}

describe('signed fuzz', () => {
  it('never crashes, never answers 500 with internals', async () => {
    const rand = rng(20261130);
    const seeds: Array<[unknown, 'json' | 'payload' | 'form']> = [
      [eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT0001> hi', ts: '1.1', channel: 'C1' }), 'json'],
      [eventCallback({ type: 'app_home_opened', user: 'U1', tab: 'home' }), 'json'],
      [eventCallback({ type: 'message', channel_type: 'im', user: 'U1', text: 'x', ts: '1.2', channel: 'D1' }), 'json'],
      [buttonClick(encodeAction({ kind: 'task.claim', args: { taskId: '1' } })), 'payload'],
      [viewSubmission('report.save|customerId=1', { a: { a: { type: 'plain_text_input', value: 'x' } } }), 'payload'],
      [slashCommand('hi'), 'form'],
    ];
    h.stub.results = [answer.toast('ok', 'info')];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 240; i++) {
      const [seed, kind] = seeds[i % seeds.length]!;
      const body = mutate(seed, rand);
      let req;
      if (kind === 'json') req = signedRaw(SECRET, JSON.stringify(body), 'application/json');
      else if (kind === 'payload') req = signedRaw(SECRET, new URLSearchParams({ payload: JSON.stringify(body) }).toString(), 'application/x-www-form-urlencoded');
      else {
        const fields = Object.fromEntries(Object.entries((body ?? {}) as object).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
        req = signedRaw(SECRET, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
      }
      const res = await h.post(req);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect([200, 400], `case ${i}: ${res.status} ${res.text}`).toContain(res.status);
      expect(res.text).not.toMatch(/\bat .+:\d+:\d+/);
    }
    // alive and still answering
    h.stub.results = [answer.toast('still here', 'info')];
    expect((await h.post(signedRaw(SECRET, new URLSearchParams(slashCommand('x')).toString(), 'application/x-www-form-urlencoded'))).status).toBe(200);
    if (process.env.FUZZ_DEBUG) console.error(Object.fromEntries(statuses));
    expect(statuses.get(200)).toBeGreaterThan(20);
    expect(statuses.get(400)).toBeGreaterThan(20);
  });
});
