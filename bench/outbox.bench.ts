// Outbox delivery overhead: N messages enqueued into a SQLite file and delivered by the worker
// through a no-op ChatPort (no rate limits), against a bare baseline of the same N port.send() calls.
// Run: npx tsx bench/outbox.bench.ts [N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxWorker } from '../src/runtime/delivery/outbox-worker.js';
import type { ChatPort, MessageRef } from '../src/app/ports/chat.port.js';
import { openDb } from '../src/storage/db.js';
import { createRepositories } from '../src/storage/repositories.js';
import type { CardSpec } from '../src/ui/card.js';

const N = Number(process.argv[2] ?? 5_000);
let seq = 0;
const port: ChatPort = {
  platform: 'slack',
  send: async (): Promise<MessageRef> => ({ platform: 'slack', channel: 'D', messageId: String(++seq) }),
  update: async () => {},
  lookupUserByEmail: async () => null,
};
const card: CardSpec = { title: 'Weekly report', tone: 'blue', blocks: [{ type: 'text', text: ['hello'] }], summary: 'Weekly report' };

const t0 = performance.now();
for (let i = 0; i < N; i++) await port.send({ kind: 'user', userId: `U${i}` }, card, { idempotencyKey: `k${i}` });
const baseline = performance.now() - t0;

const dir = mkdtempSync(join(tmpdir(), 'radar-bench-'));
try {
  const db = openDb(join(dir, 'bench.sqlite'));
  const repos = createRepositories(db);
  const team = repos.teams.ensureTeam({ name: 'Bench', timezone: 'Asia/Shanghai', locale: 'en' });
  const at = new Date().toISOString();
  const t1 = performance.now();
  repos.transaction(() => {
    for (let i = 0; i < N; i++) repos.outbox.enqueue({ teamId: team.id, key: `prompt:${i}`, platform: 'slack', op: 'send', destination: { kind: 'user', userId: `U${i}` }, card }, at);
  });
  const enqueueMs = performance.now() - t1;
  const worker = createOutboxWorker({ outbox: repos.outbox, ports: { slack: port }, limits: {} });
  const t2 = performance.now();
  const r = await worker.drainOnce();
  const drainMs = performance.now() - t2;
  db.close();
  if (r.sent !== N) throw new Error(`sent ${r.sent} of ${N}`);
  console.log(`outbox: ${N} messages`);
  console.log(`  enqueue (one transaction): ${enqueueMs.toFixed(0)} ms (${((enqueueMs * 1000) / N).toFixed(1)} µs/msg)`);
  console.log(`  drain (worker, file DB):   ${drainMs.toFixed(0)} ms (${((drainMs * 1000) / N).toFixed(1)} µs/msg)`);
  console.log(`  baseline bare port.send:   ${baseline.toFixed(1)} ms`);
  console.log(`  ratio drain / baseline:    ${(drainMs / Math.max(baseline, 0.001)).toFixed(0)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
