// A fan-out of 500 prompts, the delivering process SIGKILLed in the middle (right after the fake
// platform accepted a message, before the answer reached the worker), restarted: every prompt is
// delivered exactly once (counted at the fake platform), none lost, none twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/storage/db.js';

const CHILD = fileURLToPath(new URL('./crash-resume.child.ts', import.meta.url));
const TOTAL = 500;
const KILL_AT = 180;

interface FakePlatform {
  server: Server;
  base: string;
  delivered: Map<string, number>;
  lookups: string[];
  /** Called after a delivery is counted, before the answer is written. */
  afterDeliver: (n: number) => void;
}

async function fakePlatform(): Promise<FakePlatform> {
  const fake: Partial<FakePlatform> = { delivered: new Map(), lookups: [], afterDeliver: () => {} };
  let seq = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const { key } = JSON.parse(body) as { key: string };
      const delivered = fake.delivered as Map<string, number>;
      if (req.url === '/lookup') {
        fake.lookups?.push(key);
        const ref = delivered.has(key) ? { platform: 'slack', channel: 'D', messageId: `m-${key}` } : null;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ref }));
        return;
      }
      delivered.set(key, (delivered.get(key) ?? 0) + 1);
      seq++;
      fake.afterDeliver?.(seq);
      // A little latency so the kill lands mid-fan-out with requests in flight.
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ref: { platform: 'slack', channel: 'D', messageId: `m-${key}` } }));
      }, 2);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return Object.assign(fake, { server, base: `http://127.0.0.1:${addr.port}` }) as FakePlatform;
}

function startChild(dbPath: string, base: string): { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, base, String(TOTAL)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { err += c.toString(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
  return { child, exit };
}

const dir = mkdtempSync(join(tmpdir(), 'radar-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crash and resume of a 500-prompt fan-out', () => {
  it('delivers every prompt exactly once across a SIGKILL and a restart', async () => {
    const fake = await fakePlatform();
    const dbPath = join(dir, 'radar.sqlite');
    try {
      const first = startChild(dbPath, fake.base);
      fake.afterDeliver = (n) => {
        if (n === KILL_AT) first.child.kill('SIGKILL');
      };
      const r1 = await first.exit;
      expect(r1.signal).toBe('SIGKILL');
      expect(r1.out).not.toContain('done');
      const afterCrash = fake.delivered.size;
      expect(afterCrash).toBeGreaterThanOrEqual(KILL_AT);
      expect(afterCrash).toBeLessThan(TOTAL);

      // The database shows rows whose outcome the dead process never learned.
      const db = openDb(dbPath);
      const inFlight = db.sqlite.prepare("SELECT count(*) FROM outbox WHERE state = 'pending' AND in_flight_since IS NOT NULL").pluck().get() as number;
      db.close();
      expect(inFlight).toBeGreaterThanOrEqual(1);

      fake.afterDeliver = () => {};
      const second = startChild(dbPath, fake.base);
      const r2 = await second.exit;
      expect(r2.err).toBe('');
      expect(r2.code).toBe(0);
      expect(r2.out).toContain('done');

      expect(fake.delivered.size).toBe(TOTAL);
      const duplicates = [...fake.delivered].filter(([, n]) => n !== 1);
      expect(duplicates).toEqual([]);
      // The restarted worker checked the in-flight ones before sending again.
      expect(fake.lookups.length).toBe(inFlight);

      const check = openDb(dbPath);
      const states = check.sqlite.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all();
      check.close();
      expect(states).toEqual([{ state: 'sent', n: TOTAL }]);
    } finally {
      await new Promise((r) => fake.server.close(r));
    }
  }, 60_000);
});
