// Settings from chat through the router: the overview (managers, directors, owners only), a form per
// section pre-filled with the effective values, submits recorded per key with the member as `who`,
// schema errors on the field that caused them, Undo.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction, type ActionRef } from '../../../src/ui/action.js';
import type { Block, CardSpec } from '../../../src/ui/card.js';
import type { FormSpec } from '../../../src/ui/form.js';
import { teamSettings } from '../../../src/app/settings/team-settings.js';

import type { Answer } from '../../../src/app/answer.js';
import { kindOf, opened, rejected, toasted, updated, done as formDone } from '../../support/answer.js';
import type { Member } from '../../../src/core/team.js';
import { createSettingsResolver } from '../../../src/config/radar-config.js';
import { ensureFlagged } from '../../../src/app/scoring/scoring.service.js';
import { changeSetting, settingsHistory } from '../../../src/app/settings/settings.service.js';
import { createHarness, WEEKS, type Harness } from '../support/app-harness.js';

const W = WEEKS.at(-1)!;
let h: Harness;
beforeEach(() => {
  h = createHarness();
  h.app.ctx.settingsResolver = createSettingsResolver(null);
});

const cardOf = (r: Answer): CardSpec => {
  expect(['reply', 'update']).toContain(kindOf(r));
  return (r.reply ?? r.update)!;
};
const buttons = (card: CardSpec) => card.blocks.flatMap((b: Block) => (b.type === 'actions' ? b.buttons : b.type === 'text' && b.button ? [b.button] : []));
const textOf = (card: CardSpec) => card.blocks.flatMap((b) => ('text' in b && Array.isArray(b.text) ? [b.text.map((x) => (typeof x === 'string' ? x : 'bold' in x ? x.bold : '')).join('')] : []));

const say = (m: Member, text: string) => h.send({ type: 'command', actor: h.actor(m), text, channelId: null });
const click = (m: Member, action: ActionRef) => h.send({ type: 'action', actor: h.actor(m), action, message: { platform: 'slack', channel: 'D1', messageId: 'ts-9' } });
const openForm = async (m: Member, section: string): Promise<FormSpec> => opened(await click(m, { kind: 'settings.open', args: { section } }));
const submit = (m: Member, form: FormSpec, typed: Record<string, string>) =>
  h.send({ type: 'formSubmitted', actor: h.actor(m), formId: form.formId, values: { ...form.values, ...typed }, message: null });
const huaxingGrade = () => ensureFlagged(h.app.ctx, h.teamId, W).find((s) => s.customerId === h.customers.huaxing)?.grade ?? null;

describe('the settings overview', () => {
  it('`/radar settings` and 设置 show every section with its values and an Edit button per section', async () => {
    for (const text of ['settings', '设置', 'Settings']) {
      const card = cardOf(await say(h.members.manager, text));
      expect(card.title).toBe('Settings');
      const edits = buttons(card).filter((b) => b.action.kind === 'settings.open');
      expect(edits.map((b) => b.action.args.section)).toEqual(['grading', 'weights', 'routing', 'template', 'tags', 'ranking']);
      expect(card.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text)).toEqual(['Grading', 'Weights', 'Routing', 'Report template', 'Custom problem tags', 'Ranking']);
    }
    const lines = textOf(cardOf(await say(h.members.director, 'settings')));
    expect(lines[0]).toMatch(/^A ≥ 94 · B ≥ 50 · key account ≥ 75 → A/);
    expect(lines[1]).toContain('Payment 1');
    expect(lines[2]).toContain('Overdue payment → Finance + Rep');
  });

  it('directors and owners may open it; a rep or finance user is refused, whatever the way in', async () => {
    expect(kindOf(await say(h.members.owner, '设置'))).toBe('reply');
    for (const m of [h.members.rep1, h.members.finance]) {
      const refusal = toasted(await say(m, 'settings'));
      expect(refusal.tone).toBe('warning');
      expect(refusal.text).toBe('Only managers, directors and owners can see and change the settings.');
      expect(toasted(await click(m, { kind: 'settings.open', args: { section: 'grading' } })).tone).toBe('warning');
      expect(toasted(await click(m, { kind: 'settings.show', args: {} })).tone).toBe('warning');
      const forged = await h.send({ type: 'formSubmitted', actor: h.actor(m), formId: encodeAction({ kind: 'settings.save', args: { section: 'grading' } }), values: { grades_A: '99' }, message: null });
      expect(toasted(forged).tone).toBe('warning');
    }
    expect(settingsHistory(h.app.ctx, h.teamId)).toEqual([]);
    expect(teamSettings(h.app.ctx, h.teamId).scoring.grades.A).toBe(94);
  });

  it('the App Home of a manager has the Settings button; a rep home does not', async () => {
    const home = cardOf(await h.send({ type: 'homeOpened', actor: h.actor(h.members.manager) }));
    expect(buttons(home).filter((b) => b.action.kind === 'settings.show').map((b) => b.label)).toEqual(['Settings']);
    const repHome = cardOf(await h.send({ type: 'homeOpened', actor: h.actor(h.members.rep1) }));
    expect(buttons(repHome).some((b) => b.action.kind === 'settings.show')).toBe(false);
    // From the Home (no message to replace) the overview comes as a card.
    const fromHome = await h.send({ type: 'action', actor: h.actor(h.members.manager), action: { kind: 'settings.show', args: {} }, message: null });
    expect(cardOf(fromHome).title).toBe('Settings');
  });
});

describe('the grading form', () => {
  it('is pre-filled with the effective values, one field per key', async () => {
    const form = await openForm(h.members.manager, 'grading');
    expect(form.fields.map((f) => f.id)).toEqual(['grades_A', 'grades_B', 'keyAccount_escalateFrom', 'escalateAfterWeeks', 'hardTriggers_overdueDaysA', 'hardTriggers_overdueDaysB', 'grades_hysteresis', 'grades_knee']);
    expect(form.values).toEqual({ grades_A: '94', grades_B: '50', keyAccount_escalateFrom: '75', escalateAfterWeeks: '8', hardTriggers_overdueDaysA: '90', hardTriggers_overdueDaysB: '60', grades_hysteresis: '4', grades_knee: '90' });
    expect(form.fields.find((f) => f.id === 'grades_A')).toMatchObject({ kind: 'decimal', required: true });
  });

  it('a submit records one change per changed key as the member, re-grades the week, and Undo restores both', async () => {
    expect(huaxingGrade()).toBe('A'); // index 94.5, and 101 days overdue (hard trigger)
    const form = await openForm(h.members.manager, 'grading');
    const done = cardOf(await submit(h.members.manager, form, { grades_A: '95', hardTriggers_overdueDaysA: '120' }));
    expect(done.title).toBe('Settings changed');
    expect(textOf(done)).toEqual(['scoring.grades.A: 94 → 95', 'scoring.hardTriggers.overdueDaysA: 90 → 120', `${W} was re-scored with the new settings.`]);
    expect(settingsHistory(h.app.ctx, h.teamId).map((c) => [c.key, c.oldValue, c.newValue, c.actor, c.undoOf])).toEqual([
      ['scoring.grades.A', null, 95, 'manager@example.com', null],
      ['scoring.hardTriggers.overdueDaysA', null, 120, 'manager@example.com', null],
    ]);
    expect(huaxingGrade()).toBe('B');

    const undo = buttons(done).find((b) => b.action.kind === 'settings.undo')!;
    expect(undo.style).toBe('danger');
    const undone = await click(h.members.director, undo.action);
    expect(updated(undone) && undone.toast?.text).toBe('Undone');
    expect(textOf(cardOf(undone)).slice(0, 2)).toEqual(['scoring.grades.A: 95 → 94', 'scoring.hardTriggers.overdueDaysA: 120 → 90']);
    expect(buttons(cardOf(undone)).map((b) => b.action.kind)).toEqual(['settings.show']);
    const log = settingsHistory(h.app.ctx, h.teamId);
    expect(log.slice(2).map((c) => [c.key, c.oldValue, c.newValue, c.actor, c.undoOf])).toEqual([
      ['scoring.grades.A', 95, null, 'director@example.com', log[0]!.id],
      ['scoring.hardTriggers.overdueDaysA', 120, null, 'director@example.com', log[1]!.id],
    ]);
    expect(teamSettings(h.app.ctx, h.teamId).scoring.grades.A).toBe(94);
    expect(huaxingGrade()).toBe('A');
    // The same Undo again is refused, and changes nothing.
    const again = toasted(await click(h.members.director, undo.action));
    expect(again.text).toMatch(/^Not undone: scoring\.grades\.A: this change was undone already/);
    expect(settingsHistory(h.app.ctx, h.teamId)).toHaveLength(4);
  });

  it('A and B may move past each other in one submit (validated together)', async () => {
    const form = await openForm(h.members.owner, 'grading');
    cardOf(await submit(h.members.owner, form, { grades_A: '45', grades_B: '30', grades_knee: '90' }));
    expect(teamSettings(h.app.ctx, h.teamId).scoring.grades).toMatchObject({ A: 45, B: 30 });
    expect(settingsHistory(h.app.ctx, h.teamId).map((c) => c.key)).toEqual(['scoring.grades.A', 'scoring.grades.B']);
  });

  it('A below B: the error is on the A field and names what is expected; nothing is stored', async () => {
    const form = await openForm(h.members.manager, 'grading');
    const shown = rejected(await submit(h.members.manager, form, { grades_A: '10', escalateAfterWeeks: '3' }));
    expect(shown.errors).toEqual({ grades_A: 'must be ≥ grades.B (50)' });
    expect(shown.values).toMatchObject({ grades_A: '10', escalateAfterWeeks: '3' });
    expect(settingsHistory(h.app.ctx, h.teamId)).toEqual([]);
    expect(teamSettings(h.app.ctx, h.teamId).scoring.escalateAfterWeeks).toBe(8);
  });

  it('a submit without changes stores nothing', async () => {
    const form = await openForm(h.members.manager, 'grading');
    const done = formDone(await submit(h.members.manager, form, {}));
    expect(done.toast).toBe('Nothing changed; nothing saved');
    expect(done.card?.title).toBe('Settings');
    expect(settingsHistory(h.app.ctx, h.teamId)).toEqual([]);
  });
});

describe('the weights form', () => {
  it('an invalid weight is shown on its field with what is expected, and nothing changes', async () => {
    const form = await openForm(h.members.manager, 'weights');
    expect(form.fields.map((f) => f.id)).toEqual(['weights_payment', 'weights_activity', 'weights_complaints', 'weights_fit', 'weights_churn', 'weights_revenue', 'weights_cycle']);
    const shown = rejected(await submit(h.members.manager, form, { weights_payment: '5', weights_fit: 'lots', weights_cycle: '0.5' }));
    expect(Object.keys(shown.errors ?? {}).sort()).toEqual(['weights_fit', 'weights_payment']);
    expect(shown.errors?.weights_payment).toMatch(/expected number to be <=2/);
    expect(shown.errors?.weights_fit).toMatch(/expected number/);
    expect(settingsHistory(h.app.ctx, h.teamId)).toEqual([]);
    expect(teamSettings(h.app.ctx, h.teamId).scoring.weights.cycle).toBe(1);

    cardOf(await submit(h.members.manager, form, { weights_payment: '1.5', weights_cycle: '0.5' }));
    expect(teamSettings(h.app.ctx, h.teamId).scoring.weights).toMatchObject({ payment: 1.5, cycle: 0.5, fit: 1 });
  });
});

describe('the routing form', () => {
  it('a select per tag for the owner role and who else is told; a bad role names the roles expected', async () => {
    const form = await openForm(h.members.manager, 'routing');
    expect(form.fields.find((f) => f.id === 'route_overdue')).toMatchObject({ kind: 'select', required: true });
    expect(form.fields.find((f) => f.id === 'route_overdue')!.options!.map((o) => o.value)).toEqual(['rep', 'manager', 'director', 'owner', 'finance', 'customer_service', 'tech_support', 'legal']);
    expect(form.values).toMatchObject({ route_overdue: 'finance', route_overdue_also: 'rep', route_silent: 'manager', route_silent_also: '', dueDays_A: '2' });

    const bad = rejected(await submit(h.members.manager, form, { route_complaints_also: 'boss' }));
    expect(Object.keys(bad.errors ?? {})).toEqual(['route_complaints_also']);
    expect(bad.errors?.route_complaints_also).toMatch(/expected one of .*"finance"/);

    const done = cardOf(await submit(h.members.manager, form, { route_overdue: 'manager', route_overdue_also: 'finance, rep', dueDays_B: '7' }));
    expect(textOf(done).slice(0, 2)).toEqual(['routing.dueDays.B: 5 → 7', 'routing.routes.overdue: finance, rep → manager, finance, rep']);
    expect(teamSettings(h.app.ctx, h.teamId).routing.routes.overdue).toEqual(['manager', 'finance', 'rep']);
  });
});

describe('the report template form', () => {
  it('hides an optional field, orders fields, and adds a custom field as JSON; bad JSON and bad kinds are named', async () => {
    const form = await openForm(h.members.manager, 'template');
    const ids = form.fields.map((f) => f.id);
    expect(ids).toContain('hide_collected');
    expect(ids).not.toContain('hide_contacts'); // required fields cannot be hidden
    expect(ids.slice(-2)).toEqual(['order', 'custom_new']);

    const badJson = rejected(await submit(h.members.manager, form, { custom_new: '{id: contractEnd' }));
    expect(badJson.errors?.custom_new).toMatch(/^Expected one JSON object, e\.g\. \{"id":"contractEnd"/);
    const badKind = rejected(await submit(h.members.manager, form, { custom_new: '{"id":"contractEnd","kind":"weekday","label":{"zh":"合同到期","en":"Contract end"}}' }));
    expect(Object.keys(badKind.errors ?? {})).toEqual(['custom_new']);
    expect(badKind.errors?.custom_new).toMatch(/expected one of "integer"\|"number"/);
    const badOrder = rejected(await submit(h.members.manager, form, { order: 'notes, nosuchfield' }));
    expect(badOrder.errors?.order).toMatch(/unknown field "nosuchfield"/);
    expect(settingsHistory(h.app.ctx, h.teamId)).toEqual([]);

    const field = { id: 'contractEnd', kind: 'date', label: { zh: '合同到期', en: 'Contract end' } };
    cardOf(await submit(h.members.manager, form, { hide_collected: 'hidden', order: 'notes, contacts', custom_new: JSON.stringify(field) }));
    const tpl = teamSettings(h.app.ctx, h.teamId).template;
    expect(tpl.fields.find((f) => f.id === 'collected')?.hidden).toBe(true);
    expect(tpl.order).toEqual(['notes', 'contacts']);
    expect(tpl.custom).toEqual([{ ...field, required: false }]);
    expect(settingsHistory(h.app.ctx, h.teamId).map((c) => c.key)).toEqual(['template.fields.collected.hidden', 'template.order', 'template.custom']);

    // The custom field is now an item of its own, pre-filled; emptying it removes it.
    const next = await openForm(h.members.manager, 'template');
    expect(JSON.parse(next.values.custom_0!)).toEqual({ ...field, required: false });
    cardOf(await submit(h.members.manager, next, { custom_0: '' }));
    expect(teamSettings(h.app.ctx, h.teamId).template.custom).toBeUndefined();
  });
});

describe('the custom tags form', () => {
  const rule = { label: { zh: '合同到期', en: 'Contract due' }, severity: 'B', route: 'manager', when: { all: [{ field: 'overdueDays', op: 'gte', value: 30 }] } };

  it('adds a tag from its id and JSON; a built-in id is refused on the id field', async () => {
    const form = await openForm(h.members.manager, 'tags');
    expect(form.fields.map((f) => f.id)).toEqual(['tag_new_id', 'tag_new']);
    const builtIn = rejected(await submit(h.members.manager, form, { tag_new_id: 'overdue', tag_new: JSON.stringify(rule) }));
    expect(builtIn.errors).toEqual({ tag_new_id: 'overdue is a built-in tag (choose another id)' });
    const noRoute = rejected(await submit(h.members.manager, form, { tag_new_id: 'contract_due', tag_new: JSON.stringify({ ...rule, route: 'boss' }) }));
    expect(Object.keys(noRoute.errors ?? {})).toEqual(['tag_new']);

    cardOf(await submit(h.members.manager, form, { tag_new_id: 'contract_due', tag_new: JSON.stringify(rule) }));
    expect(teamSettings(h.app.ctx, h.teamId).scoring.customTags.contract_due).toMatchObject({ severity: 'B', route: 'manager' });
    expect(ensureFlagged(h.app.ctx, h.teamId, W).find((s) => s.customerId === h.customers.huaxing)?.tags).toContain('contract_due');
    // Its route is in the routing form too.
    expect((await openForm(h.members.manager, 'routing')).values.tagroute_contract_due).toBe('manager');
  });
});

describe('the ranking form', () => {
  it('who sees the ranking and its columns; an unknown column names the columns expected', async () => {
    const form = await openForm(h.members.manager, 'ranking');
    expect(form.values).toEqual({ ranking_audience: 'channel', ranking_columns: 'submission, onTime, streak, followUps, recovery, revenue, revenueChange' });
    const bad = rejected(await submit(h.members.manager, form, { ranking_columns: 'submission, salary' }));
    expect(Object.keys(bad.errors ?? {})).toEqual(['ranking_columns']);
    expect(bad.errors?.ranking_columns).toMatch(/expected one of "submission"\|"onTime"/);
    cardOf(await submit(h.members.manager, form, { ranking_audience: 'managers', ranking_columns: 'submission, onTime' }));
    expect(teamSettings(h.app.ctx, h.teamId).ranking).toEqual({ audience: 'managers', columns: ['submission', 'onTime'] });
  });
});

describe('settings changed elsewhere', () => {
  it('a change made by another process (the CLI) shows in the chat form, and a chat submit keeps it', async () => {
    expect(teamSettings(h.app.ctx, h.teamId).scoring.grades.B).toBe(50); // this process has read them
    const cli = { ...h.app.ctx }; // another process: the same database, its own settings in memory
    changeSetting(cli, h.teamId, { key: 'scoring.grades.B', value: 60, actor: 'cli' });
    expect(teamSettings(h.app.ctx, h.teamId).scoring.grades.B).toBe(50); // this process has not read it yet
    const form = await openForm(h.members.manager, 'grading');
    expect(form.values.grades_B).toBe('60');
    cardOf(await submit(h.members.manager, form, { grades_A: '95' }));
    expect(teamSettings(h.app.ctx, h.teamId).scoring.grades).toMatchObject({ A: 95, B: 60 });
    expect(settingsHistory(h.app.ctx, h.teamId).map((c) => [c.key, c.actor])).toEqual([['scoring.grades.B', 'cli'], ['scoring.grades.A', 'manager@example.com']]);
  });
});

describe('undo from chat', () => {
  it('`settings undo` / 撤销设置 undoes the latest change; an Undo whose key changed since is refused', async () => {
    const form = await openForm(h.members.manager, 'grading');
    const first = cardOf(await submit(h.members.manager, form, { escalateAfterWeeks: '3' }));
    changeSetting(h.app.ctx, h.teamId, { key: 'scoring.escalateAfterWeeks', value: 5, actor: 'cli' });
    const stale = toasted(await click(h.members.manager, buttons(first).find((b) => b.action.kind === 'settings.undo')!.action));
    expect(stale.text).toMatch(/^Not undone: scoring\.escalateAfterWeeks: changed again since/);
    expect(teamSettings(h.app.ctx, h.teamId).scoring.escalateAfterWeeks).toBe(5);

    const undone = cardOf(await say(h.members.manager, '撤销设置'));
    expect(undone.title).toBe('Settings change undone');
    expect(textOf(undone)[0]).toBe('scoring.escalateAfterWeeks: 5 → 3');
    expect(toasted(await say(h.members.rep1, 'settings undo')).tone).toBe('warning');
    expect(teamSettings(h.app.ctx, h.teamId).scoring.escalateAfterWeeks).toBe(3);
  });

  it('the overview lists the recent changes, newest first', async () => {
    changeSetting(h.app.ctx, h.teamId, { key: 'scoring.grades.A', value: 96, actor: 'manager@example.com' });
    changeSetting(h.app.ctx, h.teamId, { key: 'scoring.grades.B', value: 55, actor: 'owner@example.com' });
    const notes = cardOf(await say(h.members.manager, 'settings')).blocks.filter((b) => b.type === 'note').map((b) => (b as { text: readonly string[] }).text.join(''));
    expect(notes[0]).toMatch(/^#2 .* · owner@example\.com · scoring\.grades\.B: — → 55$/);
    expect(notes[1]).toMatch(/^#1 .* · manager@example\.com · scoring\.grades\.A: — → 96$/);
  });
});
