// The whole prompt fan-out of a 500-rep team through the real Slack ChatPort, the bot process
// SIGKILLed in the middle — with some messages posted but their answers never received — and
// restarted: every rep has exactly one prompt in their DM at the fake Slack API.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/storage/db.js';
import { createRepositories } from '../../src/storage/repositories.js';
import { startFakeSlackApi } from '../fakes/slack-api.fake.js';

const CHILD = fileURLToPath(new URL('./support/fanout-child.ts', import.meta.url));
const REPS = 500;
// A week whose prompt time has passed, so nothing is held for a rep's local prompt time.
const WEEK = '2026-W47';
const dir = mkdtempSync(join(tmpdir(), 'radar-fanout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChild(dbPath: string, apiUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, apiUrl, WEEK], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { out += c.toString(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
  return { child, exit };
}

describe('crash in the middle of a 500-prompt fan-out', () => {
  it('delivers exactly one prompt to every rep after SIGKILL and restart', async () => {
    const fake = await startFakeSlackApi({});
    const dbPath = join(dir, 'radar.sqlite');
    try {
      const db = openDb(dbPath);
      const repos = createRepositories(db);
      const team = repos.teams.ensureTeam({ name: 'Sales', timezone: 'Asia/Shanghai', locale: 'en' });
      for (let i = 1; i <= REPS; i++) {
        const email = `rep${i}@example.com`;
        repos.teams.upsertMember({ teamId: team.id, email, name: `Rep ${i}`, role: 'rep' });
        fake.addUser({ id: `U${String(i).padStart(6, '0')}`, email, name: `Rep ${i}` });
      }
      db.close();

      const first = runChild(dbPath, fake.url);
      await fake.waitFor('chat.postMessage', 150, 60_000);
      // The next posts reach Slack but their answers never come back: outcome unknown.
      fake.fail('chat.postMessage', { kind: 'commitThenHang', times: 3 });
      await fake.waitFor('chat.postMessage', 160, 60_000);
      first.child.kill('SIGKILL');
      const r1 = await first.exit;
      expect(r1.signal).toBe('SIGKILL');
      const postedBeforeCrash = fake.messages.length;
      expect(postedBeforeCrash).toBeGreaterThan(150);
      expect(postedBeforeCrash).toBeLessThan(REPS);

      const second = runChild(dbPath, fake.url);
      const r2 = await second.exit;
      expect(r2.code, r2.out).toBe(0);
      expect(r2.out).toContain('done 0 pending');

      const perChannel = new Map<string, number>();
      for (const m of fake.messages) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
      const dms = [...Array(REPS).keys()].map((i) => fake.dmOf(`U${String(i + 1).padStart(6, '0')}`));
      expect(dms.filter((c) => perChannel.get(c) !== 1)).toEqual([]);
      expect(fake.messages).toHaveLength(REPS);
      // The restarted process looked before re-sending the messages whose outcome it did not know.
      expect(fake.callsTo('conversations.history').length).toBeGreaterThan(0);
    } finally {
      await fake.close();
    }
  }, 180_000);
});
