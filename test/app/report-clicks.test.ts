// Issue 12.2, "a weekly report in two minutes": the rep's whole week driven through the real router the way
// the adapters deliver it (a button click = one action event, a form submit = one formSubmitted event),
// counting every click and every value typed into a form.
import { beforeEach, describe, expect, it } from 'vitest';
import { runPromptStep } from '../../src/app/weekly-report/prompt.job.js';
import { runDigestStep } from '../../src/app/digest/digest.job.js';
import { digestModel, prepareDigestWeek } from '../../src/app/digest/digest.service.js';
import { reachableOn, withUnreachable } from '../../src/core/digest/build-digest.js';
import { outboxKeys } from '../../src/app/radar-app.js';
import { EMPTY_ENTRY } from '../../src/core/weekly-report/template.js';
import type { Answer } from '../../src/app/answer.js';
import type { ActionRef } from '../../src/ui/action.js';
import type { CardSpec } from '../../src/ui/card.js';
import type { FormSpec } from '../../src/ui/form.js';
import { createHarness, WEEKS, type Harness } from './support/app-harness.js';
import { actionsOf, cardText } from './views/helpers.js';
import { done, kindOf, opened as openedForm } from '../support/answer.js';

const WEEK = '2026-W48';
let h: Harness;
let clicks = 0;
let typed = 0;
let card: CardSpec;

const EXTRA = ['蓝海物流', '北辰制造', '东方电气', '星河传媒', '金桥建设', '云端数据'];

beforeEach(async () => {
  h = createHarness();
  const { repos } = h.app.ctx;
  // rep1 owns 8 customers: 华星科技 (90+ days overdue, A), Acme Corp and six more with a quiet history.
  for (const name of EXTRA) {
    const c = repos.customers.upsertCustomer({ teamId: h.teamId, name, ownerRepId: h.members.rep1.id });
    for (const week of WEEKS) {
      repos.reports.upsertEntry({
        teamId: h.teamId, week, repId: h.members.rep1.id, customerId: c.id, source: 'import',
        values: { ...EMPTY_ENTRY, contacts: 2, lastContact: '2026-11-16', revenue: 3000, receivable: 0, overdueDays: 0, stage: 'live', usage: 'normal', health: 'green' },
      }, '2026-11-20T00:00:00.000Z');
    }
  }
  repos.scores.invalidateFrom(h.teamId, WEEKS[0]);
  // Monday's digest of last week scored it and opened the follow-ups, as in a real week.
  await runDigestStep(h.app, h.teamId, '2026-W47');
  clicks = 0;
  typed = 0;
  await runPromptStep(h.app, h.teamId, WEEK);
  card = repos.outbox.byKey(outboxKeys.prompt(WEEK, h.members.rep1.id, 'slack'))!.card;
});

const find = (c: CardSpec, kind: ActionRef['kind'], customerId?: number): ActionRef => {
  const a = actionsOf(c).find((x) => x.kind === kind && (customerId === undefined || x.args.customerId === String(customerId)));
  if (!a) throw new Error(`no ${kind} button on the card`);
  return a;
};

async function click(action: ActionRef): Promise<Answer> {
  clicks++;
  const result = await h.send({ type: 'action', actor: h.actor(h.members.rep1), action, message: { platform: 'slack', channel: 'D-rep1', messageId: 'ts-1' } });
  if (result.update) card = result.update;
  return result;
}

/** Open a customer's form, change only `changes`, press Save. */
async function fill(customerId: number, changes: Record<string, string>): Promise<void> {
  const opened = await click(find(card, 'report.open', customerId));
  const form: FormSpec = openedForm(opened);
  const values = { ...form.values, ...changes };
  typed += Object.keys(changes).filter((k) => changes[k] !== form.values[k]).length;
  clicks++;
  const saved = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.rep1), formId: form.formId, values, message: null });
  expect(kindOf(saved)).toBe('formDone');
  card = done(saved).card ?? card;
}

const entries = () => h.app.ctx.repos.reports.entriesForWeek(h.teamId, WEEK).filter((e) => e.repId === h.members.rep1.id);
const status = () => h.app.ctx.repos.reports.reportStatuses(h.teamId, WEEK).find((s) => s.repId === h.members.rep1.id);

describe('a weekly report in two minutes', () => {
  it('orders the prompt by risk: the A-grade customer first, with its reason and open tasks', () => {
    const lines = cardText(card).split('\n');
    const first = lines.findIndex((l) => l.includes('华星科技'));
    const others = EXTRA.map((n) => lines.findIndex((l) => l.includes(n)));
    expect(first).toBeGreaterThan(0);
    expect(others.every((i) => i > first)).toBe(true);
    expect(lines[first]).toMatch(/🔴 A [\d.]+ · \d+ days overdu.* · 📌 follow-up: Overdue payment/);
  });

  it('8 customers, none changed: 2 clicks, nothing typed, every entry carried', async () => {
    await click(find(card, 'report.rest'));
    const submitted = await click(find(card, 'report.submit'));
    expect(kindOf(submitted)).toBe('update');
    expect(clicks).toBeLessThanOrEqual(3);
    expect(typed).toBe(0);
    expect(status()?.submittedAt).toBeTruthy();
    const mine = entries();
    expect(mine).toHaveLength(8);
    expect(mine.every((e) => e.carried)).toBe(true);
    // Dates aged: 华星科技 was 101 days overdue in W47 and still owes; its last contact is kept, flows unknown.
    const hx = mine.find((e) => e.customerId === h.customers.huaxing)!;
    expect(hx.values).toMatchObject({ overdueDays: 108, receivable: 50000, lastContact: '2026-11-01', stage: 'live', contacts: null, revenue: null });
    // Nothing owed: overdue days stay as they were.
    const quiet = mine.find((e) => e.customerId !== h.customers.huaxing && e.customerId !== h.customers.acme)!;
    expect(quiet.values.overdueDays).toBe(0);
  });

  it('8 customers, 2 changed: at most 8 clicks and only the changed numbers typed', async () => {
    await fill(h.customers.huaxing, { receivable: '20000', overdueDays: '10' });
    await fill(h.customers.acme, { complaints: '1' });
    await click(find(card, 'report.rest'));
    await click(find(card, 'report.submit'));
    expect(clicks).toBeLessThanOrEqual(8);
    expect(typed).toBe(3);
    const mine = entries();
    expect(mine).toHaveLength(8);
    expect(mine.filter((e) => !e.carried).map((e) => e.customerId).sort()).toEqual([h.customers.huaxing, h.customers.acme].sort());
    expect(mine.find((e) => e.customerId === h.customers.huaxing)!.values).toMatchObject({ receivable: 20000, overdueDays: 10, contacts: 0 });
    expect(mine.find((e) => e.customerId === h.customers.acme)!.values).toMatchObject({ complaints: 1, stage: 'renewal' });
    expect(status()?.submittedAt).toBeTruthy();
  });

  it('"No change" for one customer carries just that one and keeps the others to fill', async () => {
    const [one] = EXTRA;
    const id = h.app.ctx.repos.customers.customerByName(h.teamId, one!)!.id;
    await click(find(card, 'report.same', id));
    expect(entries().map((e) => e.customerId)).toEqual([id]);
    expect(cardText(card)).toContain(`➖ ${one} · no change`);
    expect(card.title).toContain('1/8');
  });

  it('an empty submission asks once, and the digest says "submitted, empty", not ✅', async () => {
    const first = await click(find(card, 'report.submit'));
    expect(kindOf(first)).toBe('update');
    expect(status()?.submittedAt ?? null).toBeNull();
    expect(cardText(card)).toContain('No customer filled — submit anyway?');
    await click(find(card, 'report.submit'));
    expect(status()?.submittedAt).toBeTruthy();
    prepareDigestWeek(h.app.ctx, h.teamId, WEEK);
    const model = withUnreachable(digestModel(h.app.ctx, h.teamId, WEEK), reachableOn('slack'));
    expect(model.reps.find((r) => r.rep.id === h.members.rep1.id)).toMatchObject({ submitted: true, empty: true });
    expect(model.counts.submittedEmpty).toBe(1);
    const { digestCard } = await import('../../src/app/digest/digest.view.js');
    const text = cardText(digestCard(model, 'en'));
    expect(text).toContain('⚠️ submitted, empty');
    expect(text).not.toMatch(/rep1[^\n]*✅/);
  });
});
