// The settings views and forms without the router: what each section's form holds, how a refusal of the
// settings service lands on the fields, and that every form and card renders on both platforms within
// their limits (Slack modal / Block Kit, Feishu Card JSON 2.0).
import { describe, expect, it } from 'vitest';
import { parseRadarSettings } from '../../../src/config/radar-config.js';
import { settingsView } from '../../../src/app/settings/settings.service.js';
import { errorsByField, sectionForm, settingProblems, SETTINGS_FORM_SECTIONS } from '../../../src/app/settings/settings-forms.js';
import { settingsCard, settingsChangedCard, settingsForm } from '../../../src/app/settings/settings.view.js';
import { decodeAction } from '../../../src/ui/action.js';
import { renderModal } from '../../../adapters/slack/render/modal.render.js';
import { renderMessage } from '../../../adapters/slack/render/message.render.js';
import { renderFormCard } from '../../../adapters/feishu/render/render-form.js';
import { renderCard } from '../../../adapters/feishu/render/render-card.js';
import { checkCard } from '../../../adapters/feishu/render/check-card.js';
import { limitViolations } from '../../adapters/slack/slack-limits.js';

// A team with a custom field, a custom tag, a hidden field and an order: every kind of form item shows.
const settings = parseRadarSettings({
  template: {
    fields: { collected: { hidden: true } },
    custom: [{ id: 'contractEnd', kind: 'date', label: { zh: '合同到期', en: 'Contract end' } }],
    order: ['notes', 'contractEnd'],
  },
  scoring: {
    customTags: {
      contract_due: { label: { zh: '合同到期', en: 'Contract due' }, severity: 'B', route: 'manager', when: { all: [{ field: 'contractEnd', op: 'within_days', value: 30 }] } },
    },
  },
});
const view = settingsView(settings);

describe('section forms', () => {
  it('template: a hide select per optional built-in field, the order, one JSON item per custom field and one for a new one', () => {
    const form = sectionForm('template', view, 'en');
    const byId = new Map(form.inputs.map((i) => [i.field.id, i]));
    expect(byId.get('hide_collected')).toMatchObject({ value: 'hidden', field: { kind: 'select' } });
    expect(byId.get('hide_notes')?.value).toBe('shown');
    expect(byId.has('hide_revenue')).toBe(false); // required
    expect(byId.get('order')?.value).toBe('notes, contractEnd');
    expect(JSON.parse(byId.get('custom_0')!.value)).toEqual({ id: 'contractEnd', kind: 'date', label: { zh: '合同到期', en: 'Contract end' }, required: false });
    expect(byId.get('custom_new')?.value).toBe('');
  });

  it('tags and routing: each custom tag as JSON, and its route as a select in the routing form', () => {
    const tags = sectionForm('tags', view, 'zh');
    expect(tags.inputs.map((i) => i.field.id)).toEqual(['tag_contract_due', 'tag_new_id', 'tag_new']);
    expect(JSON.parse(tags.inputs[0]!.value)).toMatchObject({ severity: 'B', route: 'manager' });
    const routing = sectionForm('routing', view, 'zh');
    expect(routing.inputs.find((i) => i.field.id === 'tagroute_contract_due')).toMatchObject({ value: 'manager', field: { kind: 'select', label: '合同到期 → 负责角色' } });
    expect(routing.inputs.find((i) => i.field.id === 'route_overdue')?.field.label).toBe('拖款 → 负责角色');
  });

  it('reading a submit: only changed keys; emptying a custom tag removes it; a new tag needs its id', () => {
    const tags = sectionForm('tags', view, 'en');
    const values = Object.fromEntries(tags.inputs.map((i) => [i.field.id, i.value]));
    expect(tags.read(values)).toMatchObject({ changes: [], errors: {} });
    expect(tags.read({ ...values, tag_contract_due: '' }).changes).toEqual([{ key: 'scoring.customTags.contract_due', value: null }]);
    const noId = tags.read({ ...values, tag_new: '{"label":{"zh":"a","en":"a"}}' });
    expect(noId.changes).toEqual([]);
    expect(noId.errors).toEqual({ tag_new_id: 'Expected an id for the new tag, e.g. contract_due' });
  });
});

describe('refusals on the fields', () => {
  it('splits the service message into key paths and messages', () => {
    expect(settingProblems('settings: invalid scoring config: scoring.grades.A: must be ≥ grades.B (50); scoring.weights.fit: Too big: expected number to be <=2')).toEqual([
      { path: 'scoring.grades.A', message: 'must be ≥ grades.B (50)' },
      { path: 'scoring.weights.fit', message: 'Too big: expected number to be <=2' },
    ]);
    expect(settingProblems('settings: invalid routing config: routing.routes.overdue[1]: Invalid option')).toEqual([{ path: 'routing.routes.overdue[1]', message: 'Invalid option' }]);
  });

  it('puts each problem on the field with the longest matching key; an unclaimed one on the first field, with its path', () => {
    const keys = { route_overdue: ['routing.routes.overdue', 'routing.routes.overdue[0]'], route_overdue_also: ['routing.routes.overdue[1]', 'routing.routes.overdue[2]'], dueDays_A: ['routing.dueDays.A'] };
    const order = ['route_overdue', 'route_overdue_also', 'dueDays_A'];
    expect(errorsByField('settings: invalid routing config: routing.routes.overdue[1]: Invalid option; routing.dueDays.A: Too big', keys, order, 'en'))
      .toEqual({ route_overdue_also: 'Invalid option', dueDays_A: 'Too big' });
    expect(errorsByField('settings: routing.routes.overdue: at least one role', keys, order, 'en')).toEqual({ route_overdue: 'at least one role' });
    expect(errorsByField('settings: ranking.audience: Invalid option', keys, order, 'zh')).toEqual({ route_overdue: '无效：ranking.audience: Invalid option' });
  });
});

describe('rendering on both platforms', () => {
  for (const section of SETTINGS_FORM_SECTIONS) {
    for (const locale of ['zh', 'en'] as const) {
      it(`the ${section} form (${locale}) is a valid Slack modal and Feishu form card, field ids kept`, () => {
        const spec = settingsForm(sectionForm(section, view, locale), locale);
        expect(decodeAction(spec.formId)).toEqual({ kind: 'settings.save', args: { section } });
        const modal = renderModal(spec);
        expect(limitViolations(modal.blocks as never[], 'modal')).toEqual([]);
        expect(modal.title.text.length).toBeLessThanOrEqual(24);
        expect((modal.blocks as Array<{ type: string; block_id?: string }>).filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(spec.fields.map((f) => f.id));
        const card = renderFormCard(spec);
        expect(checkCard(card)).toEqual([]);
        // whole-payload: the cut-notice must appear nowhere in the card (nothing pre-filled was cut)
        expect(JSON.stringify(card)).not.toContain('部分预填内容过长');
      });
    }
  }

  it('the overview and the confirmation render as valid messages, with their buttons', () => {
    const overview = settingsCard({ view, recent: [{ id: 3, key: 'scoring.grades.A', before: null, after: 95, actor: 'wang@example.com', at: '2026-11-27T08:00:00.000Z', undoOf: null }] }, 'zh');
    const changed = settingsChangedCard({ lines: [{ key: 'scoring.grades.A', before: 94, after: 95 }], ids: [3, 4], rescored: '2026-W47' }, 'en');
    for (const card of [overview, changed]) {
      for (const part of renderMessage(card)) expect(limitViolations(part.blocks as never[], 'message')).toEqual([]);
      for (const c of renderCard(card)) expect(checkCard(c)).toEqual([]);
    }
    expect(overview.blocks.flatMap((b) => (b.type === 'text' && b.button ? [b.button.action] : []))).toEqual(SETTINGS_FORM_SECTIONS.map((section) => ({ kind: 'settings.open', args: { section } })));
    const actions = changed.blocks.filter((b) => b.type === 'actions');
    expect(actions).toEqual([{ type: 'actions', buttons: [
      { label: 'Undo', action: { kind: 'settings.undo', args: { ids: '3,4' } }, style: 'danger' },
      { label: 'Back to settings', action: { kind: 'settings.show', args: {} } },
    ] }]);
  });
});
