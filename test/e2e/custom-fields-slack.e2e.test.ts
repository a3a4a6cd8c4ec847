// Custom report fields on Slack, full stack (issue 11 §4): the composed bot (real router, SQLite file,
// Bolt in HTTP mode) with a team config that adds a select and a date field, against the loopback fake
// Slack Web API. The modal shows them as a static_select and a datepicker whose action_ids are the field
// ids; an impossible date comes back as an inline error naming it; a valid submit stores entries.custom.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/runtime/start-bot.js';
import { runCycleStep } from '../../src/runtime/run-step.js';
import { parseRadarSettings } from '../../src/config/radar-config.js';
import type { FakeSlackApi } from '../fakes/slack-api.fake.js';
import type { SeededTeam } from './support/seed.js';
import { SLACK_ID, startSlackBot, type SlackBot } from './support/slack-bot.js';
import { buttonsIn, inputsOf, initialValue, type SlackClientSim } from './support/slack-user.js';
import { PAY_METHOD, CONTRACT_END } from '../fixtures/custom-fields.js';


const SETTINGS = parseRadarSettings({
  template: {
    fields: { notes: { hidden: true } },
    custom: [
      { ...PAY_METHOD, required: true },
      CONTRACT_END,
      { id: 'discount', kind: 'number', label: { zh: '折扣率', en: 'Discount' } },
    ],
    order: ['payMethod', 'contractEnd'],
  },
});

let h: SlackBot;
let fake: FakeSlackApi;
let bot: RunningBot;
let seed: SeededTeam;
let slack: SlackClientSim;

beforeAll(async () => {
  h = await startSlackBot({ settings: SETTINGS });
  ({ fake, bot, seed, slack } = h);
});

afterAll(() => h?.close());

describe('custom report fields on Slack, full stack', () => {
  let view: { blocks: unknown[]; private_metadata: string } | null = null;

  it('the modal shows the custom select and date in the configured order, action_id = field id; hidden notes left out', async () => {
    const week = seed.weeks.current;
    await runCycleStep(bot.app, seed.teamId, week, 'prompt');
    await bot.worker.drainOnce();
    const dm = fake.dmOf(SLACK_ID.rep1);
    // DMs are posted to the user id (or its D… conversation).
    const prompt = fake.callsTo('chat.postMessage').find((c) => c.args.channel === SLACK_ID.rep1 || c.args.channel === dm)!;
    const promptTs = fake.messages.find((m) => m.channel === dm)!.ts;
    const button = buttonsIn(prompt.args.blocks as unknown[]).find((b) => b.action?.kind === 'report.open' && b.action.args.customerId === String(seed.customers.huaxing.id))!;
    expect((await slack.click(SLACK_ID.rep1, dm, promptTs, button)).status).toBe(200);

    const [open] = await fake.waitFor('views.open');
    view = open!.args.view as { blocks: unknown[]; private_metadata: string };
    const inputs = inputsOf(view);
    const ids = inputs.map((b) => b.element.action_id as string);
    expect(ids.slice(0, 2)).toEqual(['payMethod', 'contractEnd']);
    expect(ids.at(-1)).toBe('discount');
    expect(ids).not.toContain('notes');
    expect(inputs.map((b) => b.block_id)).toEqual(ids);
    const pay = inputs.find((b) => b.block_id === 'payMethod')!;
    expect(pay.element.type).toBe('static_select');
    expect(pay.element.options.map((o: { value: string; text: { text: string } }) => [o.value, o.text.text])).toEqual([['transfer', 'Bank transfer'], ['cash', 'Cash']]);
    expect((pay as unknown as { optional: boolean; label: { text: string } }).optional).toBe(false);
    expect((pay as unknown as { label: { text: string } }).label.text).toBe('Payment method');
    const end = inputs.find((b) => b.block_id === 'contractEnd')!;
    expect(end.element.type).toBe('datepicker');
    expect(initialValue(end)).toBeNull();
    const discount = inputs.find((b) => b.block_id === 'discount')!;
    expect(discount.element).toMatchObject({ type: 'number_input', is_decimal_allowed: true });
  });

  it('an impossible date gets an inline error on its block naming the field; nothing is stored', async () => {
    const res = await slack.submit(SLACK_ID.rep1, view!, { contacts: '1', revenue: '0', payMethod: 'cash', contractEnd: '2026-02-30', discount: '0.15' });
    expect(res.status).toBe(200);
    const body = res.json() as { response_action: string; errors: Record<string, string> };
    expect(body).toEqual({ response_action: 'errors', errors: { contractEnd: 'Contract end must be a date as YYYY-MM-DD' } });
    expect(bot.app.ctx.repos.reports.entriesForWeek(seed.teamId, seed.weeks.current)).toEqual([]);
  });

  it('a valid submit closes the modal and stores entries.custom', async () => {
    const res = await slack.submit(SLACK_ID.rep1, view!, { contacts: '1', revenue: '0', payMethod: 'cash', contractEnd: '2027-03-31', discount: '0.15' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const entries = bot.app.ctx.repos.reports.entriesForWeek(seed.teamId, seed.weeks.current);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.custom).toEqual({ payMethod: 'cash', contractEnd: '2027-03-31', discount: 0.15 });
    const row = bot.storage.sqlite!.sqlite.prepare('SELECT custom FROM entries WHERE week = ? AND customer_id = ?').get(seed.weeks.current, seed.customers.huaxing.id) as { custom: string };
    expect(JSON.parse(row.custom)).toEqual({ contractEnd: '2027-03-31', discount: 0.15, payMethod: 'cash' });
  });
});
