// A custom problem tag on Slack, full stack (issue 11 §4): the composed bot (real router, SQLite file, Bolt
// app over HTTP, outbox worker) against the loopback fake Slack Web API. The team has a custom report field
// (contract end) and a custom tag on it routed to customer service; a stored custom value makes the digest
// flag the customer under the tag's own label, and the follow-up task goes to customer service by DM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/runtime/start-bot.js';
import { runCycleStep } from '../../src/runtime/run-step.js';
import { parseRadarSettings } from '../../src/config/radar-config.js';
import { SEED_CUSTOMERS, type PersonKey, type SeededTeam } from './support/seed.js';
import { MANAGERS, startSlackBot, type SlackBot } from './support/slack-bot.js';
import { buttonsIn, textOf } from './support/slack-user.js';
import { captureLogs } from './support/log-capture.js';

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
let h: SlackBot;
let bot: RunningBot;
let seed: SeededTeam;
const posts = (channel: string) => h.posts(channel);
const dm = (key: PersonKey) => h.dm(key);
const drain = () => h.drain();

beforeAll(async () => {
  h = await startSlackBot({ settings: SETTINGS, logger: captureLogs('debug').logger, logLevel: 'debug' });
  ({ bot, seed } = h);
});

afterAll(() => h?.close());

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
