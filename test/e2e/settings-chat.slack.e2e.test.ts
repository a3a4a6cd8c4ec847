// Settings from chat on Slack, full stack: the composed bot (real router, SQLite file, Bolt in HTTP
// mode, outbox worker) against the loopback fake Web API. A manager types `/radar settings`, opens the
// grading modal, submits A 95 (plus the hard trigger) → the change is logged as them and `flags`
// grades differently; an invalid weight gets an inline error; a rep is refused; Undo restores.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/runtime/start-bot.js';
import { createSettingsResolver } from '../../src/config/radar-config.js';
import { ensureScored, flaggedScores } from '../../src/app/scoring/scoring.service.js';
import { settingsHistory } from '../../src/app/settings/settings.service.js';
import type { FakeSlackApi } from '../fakes/slack-api.fake.js';
import type { SeededTeam } from './support/seed.js';
import { GENERAL, SIGNING_SECRET, SLACK_ID, startSlackBot, until, type SlackBot } from './support/slack-bot.js';
import { signedInteraction } from '../fakes/slack-signing.js';
import { homeButtonClick } from '../fixtures/slack/payloads.js';
import { buttonsIn, initialValue, inputsOf, textOf, type PostedButton, type SlackClientSim } from './support/slack-user.js';

let h: SlackBot;
let fake: FakeSlackApi;
let bot: RunningBot;
let seed: SeededTeam;
let slack: SlackClientSim;
let dir: string;

const ROOT = resolve(import.meta.dirname, '../..');
/**
 * The real CLI on the bot's database file, as a user runs it next to the running bot (the same team:
 * name, timezone and language as the bot's). Asynchronous, so the bot keeps serving meanwhile.
 */
async function radar(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'warn', RADAR_TEAM_NAME: 'Sales', RADAR_TIMEZONE: 'Asia/Shanghai', RADAR_LOCALE: 'en' };
  return promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/cli/main.ts'), ...args, '--db', join(dir, 'radar.sqlite')], { cwd: dir, env, encoding: 'utf8', timeout: 90_000 });
}

const ephemeralsTo = (user: string, from: number) => fake.callsTo('chat.postEphemeral').slice(from).filter((c) => c.args.user === user);
const lastWeek = () => seed.weeks.last;
const gradeOf = (customerId: number) => flaggedScores(ensureScored(bot.app.ctx, seed.teamId, lastWeek())).find((s) => s.customerId === customerId)?.grade ?? null;

beforeAll(async () => {
  h = await startSlackBot({ settingsResolver: createSettingsResolver(null), linkIds: true });
  ({ fake, bot, seed, slack, dir } = h);
});

afterAll(() => h?.close());

describe('settings from chat on Slack', () => {
  let overview: unknown[] = [];
  let grading: { blocks: unknown[]; private_metadata: string } | null = null;
  let undo: PostedButton | undefined;

  it('1. `/radar settings` from a manager: an ephemeral card with every section and an Edit button per section', async () => {
    const before = fake.callsTo('chat.postEphemeral').length;
    expect((await slack.command(SLACK_ID.manager, GENERAL, 'settings')).status).toBe(200);
    const card = await until('settings card', () => ephemeralsTo(SLACK_ID.manager, before)[0]);
    overview = card.args.blocks as unknown[];
    const edits = buttonsIn(overview).filter((b) => b.action?.kind === 'settings.open');
    expect(edits.map((b) => b.action!.args.section)).toEqual(['grading', 'weights', 'routing', 'template', 'tags', 'ranking']);
    expect(textOf(overview)).toContain('A ≥ 94 · B ≥ 50');
  });

  it('2. a rep typing the same is refused, and so is a rep pressing Edit', async () => {
    const before = fake.callsTo('chat.postEphemeral').length;
    expect((await slack.command(SLACK_ID.rep1, GENERAL, 'settings')).status).toBe(200);
    const refusal = await until('refusal', () => ephemeralsTo(SLACK_ID.rep1, before)[0]);
    expect(refusal.args.text).toContain('Only managers, directors and owners can see and change the settings.');
    expect(refusal.args.blocks).toBeUndefined();
    const edit = buttonsIn(overview).find((b) => b.action?.kind === 'settings.open')!;
    const opens = fake.callsTo('views.open').length;
    expect((await slack.click(SLACK_ID.rep1, GENERAL, '1700000000.000100', edit)).status).toBe(200);
    await until('second refusal', () => ephemeralsTo(SLACK_ID.rep1, before)[1]);
    expect(fake.callsTo('views.open')).toHaveLength(opens);
  });

  it('3. Edit on grading opens a modal pre-filled with the current values, one input per key', async () => {
    const edit = buttonsIn(overview).find((b) => b.action?.kind === 'settings.open' && b.action.args.section === 'grading')!;
    expect((await slack.click(SLACK_ID.manager, GENERAL, '1700000000.000100', edit)).status).toBe(200);
    const [open] = await fake.waitFor('views.open');
    grading = open!.args.view as { blocks: unknown[]; private_metadata: string };
    const inputs = inputsOf(grading);
    expect(inputs.map((b) => b.block_id)).toEqual(['grades_A', 'grades_B', 'keyAccount_escalateFrom', 'escalateAfterWeeks', 'hardTriggers_overdueDaysA', 'hardTriggers_overdueDaysB', 'grades_hysteresis', 'grades_knee']);
    expect(inputs.map((b) => b.element.type)).toEqual(['number_input', 'number_input', 'number_input', 'number_input', 'number_input', 'number_input', 'number_input', 'number_input']);
    expect(Object.fromEntries(inputs.map((b) => [b.block_id, initialValue(b)]))).toMatchObject({ grades_A: '94', grades_B: '50', hardTriggers_overdueDaysA: '90' });
  });

  it('4. submitting A 95 (and the A hard trigger at 120 days, key accounts at 100) logs each key as the manager and changes the flags', async () => {
    const huaxing = seed.customers.huaxing.id;
    expect(gradeOf(huaxing)).toBe('A'); // 92 days overdue: the A hard trigger; and a key account
    const res = await slack.submit(SLACK_ID.manager, grading!, { grades_A: '95', hardTriggers_overdueDaysA: '120', keyAccount_escalateFrom: '100' });
    expect(res.status).toBe(200);
    expect(res.text).toBe(''); // closes the modal

    expect(settingsHistory(bot.app.ctx, seed.teamId).map((c) => [c.key, c.newValue, c.actor])).toEqual([
      ['scoring.grades.A', 95, 'wang.fang@example.com'],
      ['scoring.keyAccount.escalateFrom', 100, 'wang.fang@example.com'],
      ['scoring.hardTriggers.overdueDaysA', 120, 'wang.fang@example.com'],
    ]);
    expect(gradeOf(huaxing)).toBe('B');
    // The confirmation, old → new, with Undo, comes to the manager's DM.
    const confirm = await until('confirmation DM', () => fake.messages.find((m) => m.channel === fake.dmOf(SLACK_ID.manager)));
    const text = textOf(confirm.blocks);
    expect(text).toContain('*scoring.grades.A*: 94 → 95');
    expect(text).toContain('*scoring.hardTriggers.overdueDaysA*: 90 → 120');
    undo = buttonsIn(confirm.blocks).find((b) => b.action?.kind === 'settings.undo');
    expect(undo?.text).toBe('Undo');
  });

  it('4b. the CLI sees it: `flags` grades 华星科技 B, `settings history` lists the chat changes by the manager', async () => {
    const flags = await radar('flags', '--week', lastWeek(), '--json');
    const rows = JSON.parse(flags.stdout) as Array<{ customer: string; grade: string }>;
    expect(rows.find((r) => r.customer === seed.customers.huaxing.name)?.grade).toBe('B');
    const history = await radar('settings', 'history', '--json');
    expect((JSON.parse(history.stdout) as Array<{ key: string; newValue: unknown; actor: string }>).map((c) => [c.key, c.newValue, c.actor])).toEqual([
      ['scoring.grades.A', 95, 'wang.fang@example.com'],
      ['scoring.keyAccount.escalateFrom', 100, 'wang.fang@example.com'],
      ['scoring.hardTriggers.overdueDaysA', 120, 'wang.fang@example.com'],
    ]);
  }, 120_000);

  it('5. an invalid weight keeps the modal open with the error on that input; nothing is stored', async () => {
    const edit = buttonsIn(overview).find((b) => b.action?.kind === 'settings.open' && b.action.args.section === 'weights')!;
    const opened = fake.callsTo('views.open').length;
    await slack.click(SLACK_ID.manager, GENERAL, '1700000000.000100', edit);
    const view = (await until('weights modal', () => fake.callsTo('views.open')[opened])).args.view as { blocks: unknown[]; private_metadata: string };
    const res = await slack.submit(SLACK_ID.manager, view, { weights_payment: '5' });
    expect(res.status).toBe(200);
    const body = res.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['weights_payment']);
    expect(body.errors.weights_payment).toMatch(/expected number to be <=2/);
    expect(settingsHistory(bot.app.ctx, seed.teamId)).toHaveLength(3);
    expect(bot.app.ctx.settings.scoring.weights.payment).toBe(1);
  });

  it('6. Undo in the DM restores the three keys, logged as undos, and the message shows it in place', async () => {
    const dm = fake.messages.find((m) => m.channel === fake.dmOf(SLACK_ID.manager))!;
    expect((await slack.click(SLACK_ID.manager, dm.channel, dm.ts, undo!)).status).toBe(200);
    const update = await until('undo update', () => fake.callsTo('chat.update').find((u) => u.args.ts === dm.ts));
    expect(textOf(update.args.blocks as unknown[])).toContain('*scoring.grades.A*: 95 → 94');
    const log = settingsHistory(bot.app.ctx, seed.teamId);
    expect(log.slice(3).map((c) => [c.key, c.newValue, c.undoOf])).toEqual([
      ['scoring.grades.A', null, log[0]!.id],
      ['scoring.keyAccount.escalateFrom', null, log[1]!.id],
      ['scoring.hardTriggers.overdueDaysA', null, log[2]!.id],
    ]);
    expect(gradeOf(seed.customers.huaxing.id)).toBe('A');
  });

  it('7. the App Home of a manager has a Settings button; pressed there, the settings card comes by DM; a rep home has none', async () => {
    await slack.event({ type: 'app_home_opened', user: SLACK_ID.manager, channel: fake.dmOf(SLACK_ID.manager), tab: 'home' });
    const published = await until('home view', () => fake.callsTo('views.publish').find((c) => c.args.user_id === SLACK_ID.manager));
    const home = (published.args.view as { blocks: unknown[] }).blocks;
    const settings = buttonsIn(home).find((b) => b.action?.kind === 'settings.show');
    expect(settings?.text).toBe('Settings');

    const dmBefore = fake.messages.filter((m) => m.channel === fake.dmOf(SLACK_ID.manager)).length;
    const res = await slack.post(signedInteraction(SIGNING_SECRET, homeButtonClick(settings!.value, { user: SLACK_ID.manager, actionId: settings!.actionId }), { timestampSec: slack.nowSec() }));
    expect(res.status).toBe(200);
    const card = await until('settings card by DM', () => fake.messages.filter((m) => m.channel === fake.dmOf(SLACK_ID.manager))[dmBefore]);
    expect(buttonsIn(card.blocks).filter((b) => b.action?.kind === 'settings.open')).toHaveLength(6);

    await slack.event({ type: 'app_home_opened', user: SLACK_ID.rep1, channel: fake.dmOf(SLACK_ID.rep1), tab: 'home' });
    const repHome = await until('rep home view', () => fake.callsTo('views.publish').find((c) => c.args.user_id === SLACK_ID.rep1));
    expect(buttonsIn((repHome.args.view as { blocks: unknown[] }).blocks).some((b) => b.action?.kind === 'settings.show')).toBe(false);
  });
});
