// A custom problem tag on Slack, full stack (issue 11 §4): the composed bot (real router, SQLite file, Bolt
// app over HTTP, outbox worker) against the loopback fake Slack Web API. The team has a custom report field
// (contract end) and a custom tag on it routed to customer service; a stored custom value makes the digest
// flag the customer under the tag's own label, and the follow-up task goes to customer service by DM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/runtime/start-bot.js';
import { runCycleStep } from '../../src/runtime/run-step.js';
import type { AppConfig } from '../../src/config/env.js';
import { parseRadarSettings } from '../../src/config/radar-config.js';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackCall } from '../fakes/slack-api.fake.js';
import { seedTeam, runningClock, SEED_PEOPLE, SEED_CUSTOMERS, type PersonKey, type SeededTeam } from './support/seed.js';
import { buttonsIn, textOf } from './support/slack-user.js';
import { captureLogs, type CapturedLog } from './support/log-capture.js';

const SETTINGS = parseRadarSettings({
  template: { custom: [{ id: 'contractEnd', kind: 'date', label: { zh: '合同结束', en: 'Contract end' } }] },
  scoring: {
    customTags: {
      contract_due: {
        label: { zh: '合同到期', en: 'Contract due' }, severity: 'B', route: 'customer_service',
        when: { all: [{ field: 'contractEnd', op: 'within_days', value: 30 }] },
      },
    },
  },
});
const BOT_TOKEN = 'xoxb-test-secret';
const SIGNING_SECRET = 'test-signing-secret';
const MANAGERS = 'CMANAGERS';

/** Slack user ids of the seeded people (the fake answers users.lookupByEmail with these). */
const SLACK_ID: Record<PersonKey, string> = {
  rep1: 'U0REP1', rep2: 'U0REP2', manager: 'U0MGR', director: 'U0DIR', owner: 'U0OWNER', finance: 'U0FIN', customerService: 'U0CS',
};
const STRANGER = 'U0STRANGER';

let fake: FakeSlackApi;
let bot: RunningBot;
let seed: SeededTeam;
let logs: CapturedLog;
let dir: string;
const clock = runningClock();

// DMs are posted to the user id; the fake keeps them in that user's DM conversation.
const conversationOf = (c: FakeSlackCall): string => (/^[UW]/.test(String(c.args.channel)) ? fake.dmOf(String(c.args.channel)) : String(c.args.channel));
const posts = (channel: string): FakeSlackCall[] => fake.callsTo('chat.postMessage').filter((c) => conversationOf(c) === channel);
const dm = (key: PersonKey): string => fake.dmOf(SLACK_ID[key]);

/** Let every queued outbound message go out (the worker also runs by itself; this makes it certain). */
const drain = () => bot.worker.drainOnce();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radar-slack-ctag-'));
  logs = captureLogs('debug');
  fake = await startFakeSlackApi({
    botUserId: 'UBOT',
    botId: 'BBOT',
    users: [
      ...SEED_PEOPLE.map((p) => ({ id: SLACK_ID[p.key], email: p.email, name: p.name })),
      { id: STRANGER, email: 'visitor@elsewhere.example', name: 'Visitor' },
    ],
  });
  const config: AppConfig = {
    dbPath: join(dir, 'radar.sqlite'),
    logLevel: 'debug',
    configFile: null,
    team: { name: 'Sales', timezone: 'Asia/Shanghai', locale: 'en' },
    port: 0,
    slack: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.url,
      managerChannel: MANAGERS,
      botUserId: 'UBOT',
      botId: 'BBOT',
      socketMode: false,
      requestTimeoutMs: 3000,
    },
    feishu: null,
  };
  bot = await startBot({
    config,
    settings: SETTINGS,
    logger: logs.logger,
    clock,
    scheduler: false,
    // The default rate limits stay on (the clock runs at real speed); only polling is made quick.
    worker: { pollIntervalMs: 20, updateWaitMs: 200 },
  });
  const team = bot.app.ctx.repos.teams.listTeams()[0];
  if (!team) throw new Error('startBot created no team');
  seed = seedTeam(bot.app.ctx.repos, team.id);
  if (!bot.server) throw new Error('HTTP mode expected a server');
});

afterAll(async () => {
  if (bot) await bot.stop();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a custom problem tag on Slack', () => {
  it('the digest flags the customer with the tag\'s label, and the task reaches customer service by DM', async () => {
    const { repos } = bot.app.ctx;
    const digestWeek = seed.weeks.last; // ends Sunday 2026-11-22
    const dongfang = seed.customers.dongfang.id;
    // The rep filled the custom field: the contract ends ten days after the week.
    bot.app.ctx.repos.transaction(() => {
      const stored = repos.reports.entriesForWeek(seed.teamId, digestWeek).find((e) => e.customerId === dongfang)!;
      repos.reports.upsertEntry({ ...stored, custom: { contractEnd: '2026-12-02' } }, '2026-11-23T01:00:00.000Z');
    });
    repos.scores.invalidateFrom(seed.teamId, digestWeek);

    await runCycleStep(bot.app, seed.teamId, digestWeek, 'digest');
    await drain();

    const digest = posts(MANAGERS).filter((c) => !c.args.thread_ts);
    expect(digest).toHaveLength(1);
    const text = textOf(digest[0]!.args.blocks);
    // The flag of 东方电气: grade B, the reason quoting the field by its label, the follow-up by the tag's label.
    const flag = text.split('\n').filter((l) => l.includes(SEED_CUSTOMERS.dongfang) || l.includes('Contract')).join('\n');
    expect(flag).toMatch(/🟠[^\n]*东方电气/);
    expect(flag).toContain('Contract due: Contract end 2026-12-02 (in 10 days)');
    expect(flag).toMatch(/Contract due → <@U0CS>/);

    const task = repos.tasks.listTasks(seed.teamId, { customerId: dongfang }).find((t) => t.tag === 'contract_due');
    expect(task).toMatchObject({ role: 'customer_service', grade: 'B', state: 'open', assigneeId: seed.members.customerService.id });
    const toService = posts(dm('customerService'));
    expect(toService.length).toBeGreaterThan(0);
    const card = toService.find((c) => String(c.args.text).includes(SEED_CUSTOMERS.dongfang))!;
    expect(card.args.text).toContain('Follow-up: 东方电气 · Contract due');
    expect(buttonsIn(card.args.blocks).some((b) => b.action?.kind === 'task.claim' && b.action.args.taskId === String(task!.id))).toBe(true);
    // Nobody else got the custom tag's task.
    expect(posts(dm('finance')).some((c) => String(c.args.text).includes('Contract due'))).toBe(false);
  });
});
