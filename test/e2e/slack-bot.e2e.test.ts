// Full stack on Slack: the composed bot (startBot: real router, real SQLite file, real Bolt app in
// HTTP mode on port 0, real outbox worker) against the loopback fake Slack Web API. One team's week,
// step by step: prompt → click → modal → invalid submit → valid submit → digest → Claim → refusals →
// questions → forged requests, asserting what reached the fake Slack and what is in SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/runtime/start-bot.js';
import { runCycleStep } from '../../src/runtime/run-step.js';
import { DEFAULT_TEMPLATE } from '../../src/core/weekly-report/template.js';
import { decodeFormMeta } from '../../adapters/slack/listeners/form-source.js';
import type { FakeSlackApi, FakeSlackCall } from '../fakes/slack-api.fake.js';
import { SEED_PEOPLE, RED_FLAG_CUSTOMER, type SeededTeam } from './support/seed.js';
import { buttonsIn, inputsOf, initialValue, textOf, type PostedButton, type SlackClientSim } from './support/slack-user.js';
import { captureLogs, type CapturedLog } from './support/log-capture.js';
import { BOT_TOKEN, GENERAL, MANAGERS, SIGNING_SECRET, SLACK_ID, STRANGER, startSlackBot, until, type SlackBot } from './support/slack-bot.js';
import { slackText } from '../support/cards.js';

let h: SlackBot;
let fake: FakeSlackApi;
let bot: RunningBot;
let seed: SeededTeam;
let slack: SlackClientSim;
let logs: CapturedLog;

const week = (): string => seed.weeks.current;
const posts = (channel: string): FakeSlackCall[] => h.posts(channel);
const updates = (channel: string): FakeSlackCall[] => fake.callsTo('chat.update').filter((c) => c.args.channel === channel);
const dm: SlackBot['dm'] = (key) => h.dm(key);
/** Let every queued outbound message go out (the worker also runs by itself; this makes it certain). */
const drain = () => h.drain();

beforeAll(async () => {
  logs = captureLogs('debug');
  h = await startSlackBot({ logger: logs.logger, logLevel: 'debug' });
  ({ fake, bot, seed, slack } = h);
});

afterAll(async () => {
  await h?.close();
});

describe('sales-radar on Slack, full stack', () => {
  // Shared across the steps: they are one week in the life of the team.
  let promptTs = '';
  let openedView: { blocks: unknown[]; private_metadata: string } | null = null;
  let digestTs = '';
  let claim: PostedButton | undefined;

  it('1. prompt: each rep gets one DM with a button per customer; running the step again sends nothing', async () => {
    const { repos } = bot.app.ctx;
    await runCycleStep(bot.app, seed.teamId, week(), 'prompt');
    await drain();

    // Members were matched to Slack users by email and the ids stored.
    for (const p of SEED_PEOPLE) expect(repos.teams.getMember(seed.members[p.key].id)?.identities).toEqual([{ platform: 'slack', userId: SLACK_ID[p.key] }]);

    for (const [rep, customers] of [['rep1', ['huaxing', 'dongfang']], ['rep2', ['lanhai', 'beichen']]] as const) {
      const sent = posts(dm(rep));
      expect(sent, `prompt DMs to ${rep}`).toHaveLength(1);
      const blocks = sent[0]!.args.blocks as unknown[];
      expect(sent[0]!.args.text).toContain(`Weekly report ${week()} — 0/2 customers done`);
      const opens = buttonsIn(blocks).filter((b) => b.action?.kind === 'report.open');
      expect(opens.map((b) => Number(b.action!.args.customerId)).sort()).toEqual(customers.map((c) => seed.customers[c].id).sort());
      expect(opens.every((b) => b.action!.args.week === week())).toBe(true);
      for (const c of customers) expect(textOf(blocks)).toContain(seed.customers[c].name);
    }
    // Nobody else was prompted.
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    promptTs = fake.messages.find((m) => m.channel === dm('rep1'))!.ts;

    await runCycleStep(bot.app, seed.teamId, week(), 'prompt');
    await drain();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('2. a click on a customer opens its modal, field ids as action_ids, pre-filled from last week', async () => {
    const prompt = posts(dm('rep1'))[0]!;
    const button = buttonsIn(prompt.args.blocks).find((b) => b.action?.kind === 'report.open' && b.action.args.customerId === String(seed.customers.huaxing.id));
    expect(button).toBeDefined();
    const res = await slack.click(SLACK_ID.rep1, dm('rep1'), promptTs, button!);
    expect(res.status).toBe(200);

    const [open] = await fake.waitFor('views.open');
    const view = open!.args.view as { blocks: unknown[]; private_metadata: string; title: { text: string } };
    const inputs = inputsOf(view);
    expect(inputs.map((b) => b.element.action_id)).toEqual(DEFAULT_TEMPLATE.fields.map((f) => f.id));
    expect(inputs.map((b) => b.block_id)).toEqual(DEFAULT_TEMPLATE.fields.map((f) => f.id));
    const initial = Object.fromEntries(inputs.map((b) => [b.block_id, initialValue(b)]));
    // Carried over from W47: receivable, stage, last contact; overdue days aged a week (92 → 99); this week's counts start at 0.
    expect(initial).toMatchObject({ receivable: '50000', overdueDays: '99', stage: 'live', usage: 'normal', lastContact: '2026-11-18', contacts: '0', revenue: '0', notes: null });
    expect(slackText(view.blocks)).toContain(RED_FLAG_CUSTOMER);
    // The modal remembers the DM it came from, so a save can update that message in place.
    expect(decodeFormMeta(view.private_metadata).source).toEqual({ platform: 'slack', channel: dm('rep1'), messageId: promptTs });
    openedView = view;
  });

  it('3. an invalid submission gets inline errors keyed by field id, and nothing is stored', async () => {
    const res = await slack.submit(SLACK_ID.rep1, openedView!, { contacts: '-3', revenue: '0', overdueDays: 'abc' });
    expect(res.status).toBe(200);
    const body = res.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual(['contacts', 'overdueDays']);
    for (const message of Object.values(body.errors)) expect(message.length).toBeGreaterThan(0);
    expect(bot.app.ctx.repos.reports.entriesForWeek(seed.teamId, week())).toEqual([]);
    expect(fake.callsTo('chat.update')).toHaveLength(0);
  });

  it('4. a valid submission closes the modal, stores the entry and ticks the customer in the same DM', async () => {
    const res = await slack.submit(SLACK_ID.rep1, openedView!, { contacts: '1', revenue: '0', overdueDays: '99', notes: 'CFO on leave; finance to call' });
    expect(res.status).toBe(200);
    expect(res.text).toBe(''); // an empty ack closes the modal

    const entries = bot.app.ctx.repos.reports.entriesForWeek(seed.teamId, week());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ repId: seed.members.rep1.id, customerId: seed.customers.huaxing.id, source: 'chat' });
    expect(entries[0]!.values).toMatchObject({ contacts: 1, revenue: 0, overdueDays: 99, receivable: 50000, stage: 'live', notes: 'CFO on leave; finance to call' });

    const update = await until('chat.update of the prompt DM', () => updates(dm('rep1')).find((u) => u.args.ts === promptTs));
    expect(update.args.text).toContain('1/2 customers done');
    expect(textOf(update.args.blocks)).toMatch(/✅ \*华星科技\*/);
    await drain(); // the outbox's own refresh of the same message
    const shown = fake.messages.find((m) => m.ts === promptTs)!;
    expect(textOf(shown.blocks)).toMatch(/✅ \*华星科技\*/);
    for (const u of updates(dm('rep1'))) expect(u.args.ts).toBe(promptTs);
    // No second copy of the report card; the "saved" notice is only for the rep.
    expect(posts(dm('rep1'))).toHaveLength(1);
    const notice = await until('saved notice', () => fake.callsTo('chat.postEphemeral').find((c) => c.args.user === SLACK_ID.rep1));
    expect(notice.args.text).toContain(`Saved: ${RED_FLAG_CUSTOMER}`);
  });

  it('5. digest: the red flag reaches the manager channel with buttons; tasks stored and routed to finance', async () => {
    const { repos } = bot.app.ctx;
    await runCycleStep(bot.app, seed.teamId, week(), 'digest');
    await drain();

    const digest = posts(MANAGERS).filter((c) => !c.args.thread_ts);
    expect(digest).toHaveLength(1);
    const text = textOf(digest[0]!.args.blocks);
    expect(text).toContain(RED_FLAG_CUSTOMER);
    expect(text).toMatch(/🔴[^\n]*华星科技/);
    digestTs = fake.messages.find((m) => m.channel === MANAGERS)!.ts;

    const score = repos.scores.scoresForWeek(seed.teamId, week()).find((s) => s.customerId === seed.customers.huaxing.id);
    expect(score).toMatchObject({ grade: 'A' });
    expect(score!.tags).toContain('overdue');

    const tasks = repos.tasks.listTasks(seed.teamId, { customerId: seed.customers.huaxing.id });
    const overdue = tasks.find((t) => t.tag === 'overdue');
    expect(overdue).toMatchObject({ role: 'finance', state: 'open', grade: 'A', createdWeek: week(), assigneeId: seed.members.finance.id });

    const buttons = buttonsIn(digest[0]!.args.blocks);
    claim = buttons.find((b) => b.action?.kind === 'task.claim' && b.action.args.taskId === String(overdue!.id));
    expect(claim, 'Claim button for the overdue task').toBeDefined();
    expect(buttons.some((b) => b.action?.kind === 'customer.details' && b.action.args.customerId === String(seed.customers.huaxing.id))).toBe(true);

    // The week's ranking ends the digest (in its thread when the card is long): a heading, then one row per rep.
    const lines = digest.flatMap((c) => textOf(c.args.blocks).split('\n'));
    // The heat map and red flags by rep follow in the digest's thread, as uploaded images.
    const inThread = posts(MANAGERS).filter((c) => c.args.thread_ts === digestTs);
    expect(inThread).toHaveLength(1);
    expect((inThread[0]!.args.blocks as Array<{ type: string; slack_file?: { id: string } }>).filter((b) => b.type === 'image').map((b) => fake.files.has(b.slack_file!.id))).toEqual([true, true]);
    const heading = lines.findIndex((l) => /^\*?Ranking\*?$/.test(l.trim()));
    expect(heading, lines.join('\n')).toBeGreaterThanOrEqual(0);
    const after = lines.slice(heading + 1).join('\n');
    expect(after).toMatch(/Streak/);
    expect(after).toContain('Li Lei');
    expect(after).toContain('Han Mei');
    expect(after).not.toContain('Wang Fang');

    const toFinance = posts(dm('finance'));
    expect(toFinance).toHaveLength(1);
    expect(toFinance.map((c) => textOf(c.args.blocks)).join('\n')).toContain(RED_FLAG_CUSTOMER);
    expect(toFinance.flatMap((c) => buttonsIn(c.args.blocks)).some((b) => b.action?.kind === 'task.claim' && b.action.args.taskId === String(overdue!.id))).toBe(true);

    // Running the digest again posts nothing new.
    const before = fake.callsTo('chat.postMessage').length;
    await runCycleStep(bot.app, seed.teamId, week(), 'digest');
    await drain();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(before);
  });

  it('6. a manager clicking Claim updates the digest in place and claims the task', async () => {
    const taskId = Number(claim!.action!.args.taskId);
    const updatesBefore = updates(MANAGERS).length;
    const res = await slack.click(SLACK_ID.manager, MANAGERS, digestTs, claim!);
    expect(res.status).toBe(200);

    const update = await until('digest chat.update', () => updates(MANAGERS).slice(updatesBefore).find((u) => u.args.ts === digestTs));
    expect(textOf(update.args.blocks)).toContain(RED_FLAG_CUSTOMER);
    expect(buttonsIn(update.args.blocks).some((b) => b.action?.kind === 'task.claim' && b.action.args.taskId === String(taskId))).toBe(false);
    expect(textOf(update.args.blocks)).toContain('claimed');

    const task = bot.app.ctx.repos.tasks.getTask(taskId);
    expect(task).toMatchObject({ state: 'claimed', assigneeId: seed.members.manager.id });
    expect(bot.app.ctx.repos.tasks.events(taskId).map((e) => [e.kind, e.actorId])).toContainEqual(['claimed', seed.members.manager.id]);
    await drain();
    expect(posts(MANAGERS).filter((c) => !c.args.thread_ts)).toHaveLength(1); // still the one digest message
    expect(textOf(fake.messages.find((m) => m.ts === digestTs)!.blocks)).toMatch(/<@U0MGR>[^\n]*claimed/);

    // The task DM finance received shows the claim too, instead of a stale Claim button.
    const financeDm = fake.messages.find((m) => m.channel === dm('finance'))!;
    expect(updates(dm('finance')).map((u) => u.args.ts)).toContain(financeDm.ts);
    expect(textOf(financeDm.blocks)).toContain('Status: claimed by <@U0MGR>');
    expect(buttonsIn(financeDm.blocks).some((b) => b.action?.kind === 'task.claim')).toBe(false);
    expect(posts(dm('finance'))).toHaveLength(1);
  });

  it('7. a rep or a stranger pressing Claim is politely refused and nothing changes', async () => {
    const taskId = Number(claim!.action!.args.taskId);
    await drain();
    const updatesBefore = fake.callsTo('chat.update').length;
    const ephemeralBefore = fake.callsTo('chat.postEphemeral').length;

    expect((await slack.click(SLACK_ID.rep2, MANAGERS, digestTs, claim!)).status).toBe(200);
    const refusal = await until('refusal for the rep', () => fake.callsTo('chat.postEphemeral').slice(ephemeralBefore).find((c) => c.args.user === SLACK_ID.rep2));
    expect(refusal.args).toMatchObject({ channel: MANAGERS });
    expect(refusal.args.text).toContain('not allowed');

    expect((await slack.click(STRANGER, MANAGERS, digestTs, claim!)).status).toBe(200);
    const stranger = await until('answer for the stranger', () => fake.callsTo('chat.postEphemeral').slice(ephemeralBefore).find((c) => c.args.user === STRANGER));
    expect(stranger.args.text).toContain('not on the sales radar team');

    await drain();
    expect(bot.app.ctx.repos.tasks.getTask(taskId)).toMatchObject({ state: 'claimed', assigneeId: seed.members.manager.id });
    expect(bot.app.ctx.repos.tasks.events(taskId).filter((e) => e.kind === 'claimed')).toHaveLength(1);
    expect(fake.callsTo('chat.update')).toHaveLength(updatesBefore);
  });

  it('8. the owner asks with /radar: a customer card with its index, and a top-risks list', async () => {
    const score = bot.app.ctx.repos.scores.scoresForWeek(seed.teamId, week()).find((s) => s.customerId === seed.customers.huaxing.id)!;
    let before = fake.callsTo('chat.postEphemeral').length;
    expect((await slack.command(SLACK_ID.owner, GENERAL, `${RED_FLAG_CUSTOMER}怎么样`)).status).toBe(200);
    const card = await until('customer answer', () => fake.callsTo('chat.postEphemeral').slice(before).find((c) => c.args.user === SLACK_ID.owner));
    expect(card.args.channel).toBe(GENERAL);
    const cardText = `${card.args.text}\n${textOf(card.args.blocks ?? [])}`;
    expect(cardText).toContain(RED_FLAG_CUSTOMER);
    expect(cardText).toContain(String(score.index));

    before = fake.callsTo('chat.postEphemeral').length;
    expect((await slack.command(SLACK_ID.owner, GENERAL, 'top 5 risks')).status).toBe(200);
    const list = await until('top risks answer', () => fake.callsTo('chat.postEphemeral').slice(before).find((c) => c.args.user === SLACK_ID.owner));
    const listText = textOf(list.args.blocks ?? []);
    expect(listText).toContain(RED_FLAG_CUSTOMER);
    // Riskiest first: 华星科技 heads the list, with its grade.
    const others = ['东方电气', '蓝海物流', '北辰软件'].map((n) => listText.indexOf(n)).filter((i) => i >= 0);
    expect(listText.indexOf(RED_FLAG_CUSTOMER)).toBeLessThan(Math.min(...others, Infinity));
    expect(listText).toMatch(new RegExp(`1\\s+${RED_FLAG_CUSTOMER}\\s+${score.index}\\b.*\\bA\\b`));
  });

  it('9. an @mention from the owner in a general channel is answered privately; the thread gets one line without data', async () => {
    const ts = '1700000099.000100';
    const before = fake.ephemerals.length;
    const res = await slack.event({ type: 'app_mention', user: SLACK_ID.owner, text: '<@UBOT> overdue customers', ts, channel: GENERAL });
    expect(res.status).toBe(200);
    const answer = await until('private answer', () => fake.ephemerals.slice(before).find((e) => e.channel === GENERAL));
    expect(answer.user).toBe(SLACK_ID.owner);
    expect(answer.thread_ts).toBe(ts);
    expect(textOf(answer.blocks)).toContain(RED_FLAG_CUSTOMER);
    const note = await until('public note', () => posts(GENERAL).find((c) => c.args.thread_ts === ts));
    expect(String(note.args.text).split('\n')).toHaveLength(1);
    // whole-payload: the public note must not leak the customer anywhere (text, blocks, metadata)
    expect(JSON.stringify(note.args)).not.toContain(RED_FLAG_CUSTOMER);
    expect(posts(GENERAL).filter((c) => c.args.thread_ts === ts)).toHaveLength(1);
  });

  it('9b. an @mention in the manager channel is answered in its thread', async () => {
    const ts = '1700000099.000200';
    await slack.event({ type: 'app_mention', user: SLACK_ID.owner, text: '<@UBOT> overdue customers', ts, channel: MANAGERS });
    const reply = await until('mention reply', () => posts(MANAGERS).find((c) => c.args.thread_ts === ts));
    expect(textOf(reply.args.blocks ?? [])).toContain(RED_FLAG_CUSTOMER);
  });

  it('10. forged or stale requests get 401 and nothing is processed', async () => {
    await drain();
    const callsBefore = fake.calls.length;
    const rows = () => ({
      inbound: (bot.storage.sqlite!.sqlite.prepare('select count(*) as n from inbound_events').get() as { n: number }).n,
      outbox: (bot.storage.sqlite!.sqlite.prepare('select count(*) as n from outbox').get() as { n: number }).n,
      taskEvents: (bot.storage.sqlite!.sqlite.prepare('select count(*) as n from task_events').get() as { n: number }).n,
    });
    const before = rows();

    expect((await slack.command(SLACK_ID.owner, GENERAL, 'top 5 risks', { secret: 'not-the-secret' })).status).toBe(401);
    expect((await slack.command(SLACK_ID.owner, GENERAL, 'top 5 risks', { timestampSec: slack.nowSec() - 6 * 60 })).status).toBe(401);
    expect((await slack.command(SLACK_ID.owner, GENERAL, 'top 5 risks', { timestampSec: slack.nowSec() + 6 * 60 })).status).toBe(401);
    const forgedClaim = await slack.post({
      body: `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: SLACK_ID.rep2 }, actions: [{ value: claim!.value }] }))}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(slack.nowSec()), 'x-slack-signature': `v0=${'0'.repeat(64)}` },
    });
    expect(forgedClaim.status).toBe(401);

    await new Promise((r) => setTimeout(r, 150));
    expect(fake.calls.length).toBe(callsBefore);
    expect(rows()).toEqual(before);
  });

  it('11. the whole run logged plenty, and never the bot token or the signing secret', async () => {
    await drain();
    await h.close();
    const text = logs.text();
    expect(logs.lines().length).toBeGreaterThan(10);
    expect(text).toContain('rejected slack request');
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toContain(SIGNING_SECRET);
    expect(text).not.toContain('xoxb-');
  });
});
