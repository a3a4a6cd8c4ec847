// Child process of crash-resume.test.ts: enqueue a 500-prompt fan-out into a SQLite file and deliver
// it with the real outbox worker through a minimal ChatPort that POSTs to a loopback fake platform.
// Like Slack, the fake has no idempotency key: when an earlier attempt's outcome is unknown, the
// port looks the key up first (as the Slack port does with conversations.history).
import { createOutboxWorker } from '../../../src/runtime/delivery/outbox-worker.js';
import { ChatDeliveryError, type ChatPort, type Destination, type MessageRef, type SendOptions } from '../../../src/app/ports/chat.port.js';
import { openDb } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';
import type { CardSpec } from '../../../src/ui/card.js';

const [dbPath, base, countArg] = process.argv.slice(2);
if (!dbPath || !base) throw new Error('usage: crash-resume.child.ts DB_PATH BASE_URL [COUNT]');
const count = Number(countArg ?? 500);

async function call(path: string, body: unknown): Promise<{ ref: MessageRef | null }> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    throw new ChatDeliveryError('transient', 'connection failed', null, { cause: err });
  }
  if (res.status === 429) throw new ChatDeliveryError('rate_limited', 'HTTP 429', Number(res.headers.get('retry-after') ?? '1') * 1000);
  if (!res.ok) throw new ChatDeliveryError('transient', `HTTP ${res.status}`);
  return (await res.json()) as { ref: MessageRef | null };
}

const port: ChatPort = {
  platform: 'slack',
  async send(to: Destination, card: CardSpec, options: SendOptions): Promise<MessageRef> {
    if (options.maybeSentBefore) {
      const found = await call('/lookup', { key: options.idempotencyKey });
      if (found.ref) return found.ref;
    }
    const sent = await call('/send', { key: options.idempotencyKey, to, title: card.title });
    if (!sent.ref) throw new ChatDeliveryError('transient', 'no ref');
    return sent.ref;
  },
  async update(): Promise<void> {},
  async lookupUserByEmail(): Promise<string | null> {
    return null;
  },
};

const db = openDb(dbPath);
const repos = createRepositories(db);
const team = repos.teams.ensureTeam({ name: 'Crash Test', timezone: 'Asia/Shanghai', locale: 'zh' });
const now = new Date().toISOString();
// Enqueueing again after a restart is a no-op per key, as the prompt job would do.
repos.transaction(() => {
  for (let i = 0; i < count; i++) {
    repos.outbox.enqueue({
      teamId: team.id, key: `prompt:2026-W10:member:${i}:slack`, platform: 'slack', op: 'send',
      destination: { kind: 'user', userId: `U${i}` },
      card: { title: `Weekly report ${i}`, tone: 'blue', blocks: [], summary: 'Weekly report' },
    }, now);
  }
});
process.stdout.write('enqueued\n');

const worker = createOutboxWorker({ outbox: repos.outbox, ports: { slack: port }, limits: {}, concurrency: 4, sendTimeoutMs: 5_000 });
for (let round = 0; round < 1_000; round++) {
  await worker.drainOnce();
  const left = (db.sqlite.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get() as number);
  if (left === 0) break;
  await new Promise((r) => setTimeout(r, 50));
}
process.stdout.write('done\n');
db.close();
