// `radar cycle prompt|digest` as an operator runs it: a child process, configured by env, sending through
// the real Slack and Feishu SDK clients to loopback fake platform APIs. Nothing is sent twice. The same
// cycle runs on a SQLite file and on PostgreSQL (RADAR_DB=postgres://…, a real server).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.fake.js';
import { startFakeFeishuApi, type FakeFeishuApi } from '../fakes/feishu-api.fake.js';
import { slackText } from '../support/cards.js';
import { describePg } from '../support/postgres.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'radar-cycle-'));

function cycleSuite(db: () => string): void {
let slack: FakeSlackApi;
let feishu: FakeFeishuApi;

// Async spawn: the fake APIs live in this process and must keep answering while the child runs.
function radar(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'warn', RADAR_LOCALE: 'en',
    SLACK_BOT_TOKEN: 'xoxb-cycle-test', SLACK_SIGNING_SECRET: 'cycle-secret', SLACK_MANAGER_CHANNEL: 'CMGR', SLACK_API_URL: slack.url,
    FEISHU_APP_ID: 'cli_0123456789abcdef', FEISHU_APP_SECRET: 'feishu-cycle-secret', FEISHU_MANAGER_CHAT_ID: 'oc_mgr', FEISHU_DOMAIN: feishu.url,
  };
  return new Promise((done) => {
    const child = spawn(TSX, [join(ROOT, 'src/cli/main.ts'), ...args, '--db', db()], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

const line = (week: string, rep: string, customer: string, overdueDays: number) => JSON.stringify({
  week, rep, repName: rep.split('@')[0], customer, contacts: 2, revenue: 1000, receivable: 50000, overdueDays, stage: 'live',
});

beforeAll(async () => {
  slack = await startFakeSlackApi({ users: [{ id: 'U0LI', email: 'li.wei@example.com', name: 'Li Wei' }, { id: 'U0FIN', email: 'fin@example.com', name: 'Fin' }] });
  feishu = await startFakeFeishuApi();
  feishu.users.set('li.wei@example.com', 'ou_li');
  feishu.users.set('fin@example.com', 'ou_fin');
  const file = join(dir, 'history.jsonl');
  writeFileSync(file, ['2026-W44', '2026-W45', '2026-W46', '2026-W47'].flatMap((w, i) => [
    line(w, 'li.wei@example.com', '华星科技', 80 + 7 * i), line(w, 'li.wei@example.com', 'Acme Corp', 0),
  ]).join('\n'));
  const imported = await radar('import', file);
  expect(imported.code, imported.stderr + imported.stdout).toBe(0);
  expect((await radar('members', 'add', 'fin@example.com', '--name', 'Fin', '--role', 'finance')).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await slack?.close();
  await feishu?.close();
});

describe('radar cycle', () => {
  it('sends the prompts through both platforms, and never twice', async () => {
    const first = await radar('cycle', 'prompt', '--week', '2026-W47');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/2 sent, 0 failed permanently, 0 waiting/);
    const dm = slack.messages.filter((m) => m.channel === slack.dmOf('U0LI'));
    expect(dm).toHaveLength(1);
    expect(slackText(dm[0]!.blocks)).toContain('华星科技');
    expect(feishu.messages.filter((m) => m.receive_id === 'ou_li')).toHaveLength(1);
    const again = await radar('cycle', 'prompt', '--week', '2026-W47');
    expect(again.stdout).toMatch(/0 sent/);
    expect(slack.messages.filter((m) => m.channel === slack.dmOf('U0LI'))).toHaveLength(1);
    expect(feishu.messages.filter((m) => m.receive_id === 'ou_li')).toHaveLength(1);
  }, 60_000);

  it('posts the digest to both manager channels and the task to finance, once', async () => {
    const first = await radar('cycle', 'digest', '--week', '2026-W47');
    expect(first.code, first.stderr).toBe(0);
    const digest = slack.messages.filter((m) => m.channel === 'CMGR' && !m.thread_ts);
    expect(digest).toHaveLength(1);
    expect(slackText(digest[0]!.blocks)).toContain('华星科技');
    // Its charts follow in its thread, on both platforms.
    expect(slack.messages.filter((m) => m.channel === 'CMGR' && m.thread_ts).map((m) => m.thread_ts)).toEqual([digest[0]!.ts]);
    const group = feishu.messages.filter((m) => m.chat_id === 'oc_mgr');
    const head = group.filter((m) => m.parent_id === null);
    expect(head).toHaveLength(1);
    expect(group.filter((m) => m.parent_id !== null).map((m) => m.parent_id)).toEqual([head[0]!.message_id]);
    expect(slack.messages.filter((m) => m.channel === slack.dmOf('U0FIN'))).toHaveLength(1);
    await radar('cycle', 'digest', '--week', '2026-W47');
    expect(slack.messages.filter((m) => m.channel === 'CMGR')).toHaveLength(2);
    expect(feishu.messages.filter((m) => m.chat_id === 'oc_mgr')).toHaveLength(2);
  }, 60_000);
});
}

describe('on SQLite', () => cycleSuite(() => join(dir, 'radar.sqlite')));
describePg('on PostgreSQL', (pg) => cycleSuite(() => pg.url));
