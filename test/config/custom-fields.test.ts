// Custom report fields, hidden built-ins and form order in the config (issue 11 §4): errors name the key.
import { describe, expect, it } from 'vitest';
import { parseRadarSettings } from '../../src/config/radar-config.js';
import { ConfigError } from '../../src/config/env.js';
import { customCarries, formOrder } from '../../src/core/weekly-report/template.js';
import { createHarness } from '../app/support/app-harness.js';
import { createSettingsResolver } from '../../src/config/radar-config.js';
import { forTeam } from '../../src/app/settings/team-settings.js';
import { changeSetting } from '../../src/app/settings/settings.service.js';

const problemsOf = (raw: unknown): string[] => {
  try {
    parseRadarSettings(raw, 'radar.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

const contractNo = { id: 'contractNo', kind: 'text', label: { zh: '合同号', en: 'Contract no.' }, maxLength: 20 };
const region = {
  id: 'salesArea', kind: 'select', label: { zh: '片区', en: 'Sales area' }, required: true,
  options: [{ value: 'north', label: { zh: '华北', en: 'North' } }, { value: 'south', label: { zh: '华南', en: 'South' } }],
};

describe('template.custom', () => {
  it('adds custom fields after the built-ins, required false by default', () => {
    const s = parseRadarSettings({ template: { custom: [contractNo, region] } });
    expect(s.template.custom?.map((c) => [c.id, c.kind, c.required])).toEqual([['contractNo', 'text', false], ['salesArea', 'select', true]]);
    expect(s.template.custom?.[1]?.options?.map((o) => o.value)).toEqual(['north', 'south']);
    const order = formOrder(s.template);
    expect(order.slice(-2)).toEqual(['contractNo', 'salesArea']);
  });

  it('names the key for a bad id, a built-in id, a duplicate, options on the wrong kind, a select without options', () => {
    const problems = problemsOf({
      template: {
        custom: [
          { ...contractNo, id: 'Bad-id' },
          { ...contractNo, id: 'contacts' },
          contractNo,
          contractNo,
          { id: 'budget', kind: 'money', label: { zh: '预算', en: 'Budget' }, options: region.options },
          { id: 'tier', kind: 'select', label: { zh: '等级', en: 'Tier' } },
          { id: 'size', kind: 'enormous', label: { zh: '规模', en: 'Size' } },
        ],
      },
    });
    const all = problems.join('\n');
    expect(all).toMatch(/radar\.json: template\.custom\.0\.id: expected an id like/);
    expect(all).toMatch(/radar\.json: template\.custom\.4\.options: options are only allowed on select fields \(this one is money\)/);
    expect(all).toMatch(/radar\.json: template\.custom\.5\.options: a select field needs options/);
    expect(all).toMatch(/radar\.json: template\.custom\.6\.kind/);
  });

  it('refuses a built-in id and a repeated id, naming the index', () => {
    const all = problemsOf({ template: { custom: [{ ...contractNo, id: 'contacts' }, contractNo, contractNo] } }).join('\n');
    expect(all).toMatch(/template\.custom\.0\.id: "contacts" is a built-in field id/);
    expect(all).toMatch(/template\.custom\.2\.id: "contractNo" is used twice/);
  });
});

describe('template.custom ids that are already columns or form names', () => {
  it('refuses import/export column names and the form\'s own field names, naming the index', () => {
    const all = problemsOf({ template: { custom: ['region', 'grade', 'customerName', 'progress_3', 'form_submit_x'].map((id) => ({ ...contractNo, id })) } }).join('\n');
    expect(all).toMatch(/template\.custom\.0\.id: "region" is a reserved column name/);
    expect(all).toMatch(/template\.custom\.1\.id: "grade" is a reserved column name/);
    expect(all).toMatch(/template\.custom\.2\.id: "customerName" is a reserved column name/);
    expect(all).toMatch(/template\.custom\.3\.id: "progress_3" is a reserved column name/);
    expect(all).toMatch(/template\.custom\.4\.id: "form_submit_x" is a reserved column name/);
  });

  it('keeps a carry flag and defaults carry-over by kind', () => {
    const s = parseRadarSettings({ template: { custom: [
      { ...contractNo, carry: false },
      { id: 'seats', kind: 'integer', label: { zh: '席位', en: 'Seats' }, carry: true },
      { id: 'visits', kind: 'integer', label: { zh: '拜访', en: 'Visits' } },
      { id: 'renewal', kind: 'date', label: { zh: '续约日', en: 'Renewal' } },
    ] } });
    expect(s.template.custom?.map((c) => [c.id, customCarries(c)])).toEqual([['contractNo', false], ['seats', true], ['visits', false], ['renewal', true]]);
  });
});

describe('template.fields.<id>.hidden and template.order', () => {
  it('hides an optional built-in field and reorders the form', () => {
    const s = parseRadarSettings({ template: { fields: { notes: { hidden: true } }, custom: [region], order: ['salesArea', 'contacts'] } });
    const order = formOrder(s.template);
    expect(order.slice(0, 2)).toEqual(['salesArea', 'contacts']);
    expect(order).not.toContain('notes');
  });

  it('refuses to hide a required field and an unknown id in order, naming the key', () => {
    const all = problemsOf({ template: { fields: { contacts: { hidden: true } }, order: ['contacts', 'nope'] } }).join('\n');
    expect(all).toMatch(/radar\.json: template\.fields\.contacts\.hidden: contacts is required and cannot be hidden/);
    expect(all).toMatch(/radar\.json: template\.order\.1: unknown field "nope"/);
  });
});

describe('settings keys', () => {
  it('sets template.custom, template.fields.<id>.hidden and template.order through the same schema', () => {
    const h = createHarness();
    const root = h.app.ctx;
    root.settingsResolver = createSettingsResolver(null);
    // The team's settings (one process serves many teams).
    const ctx = forTeam(root, h.teamId);
    changeSetting(ctx, h.teamId, { key: 'template.custom', value: [region], actor: 'm' });
    expect(ctx.settings.template.custom?.map((c) => c.id)).toEqual(['salesArea']);
    changeSetting(ctx, h.teamId, { key: 'template.fields.notes.hidden', value: true, actor: 'm' });
    expect(ctx.settings.template.fields.find((f) => f.id === 'notes')?.hidden).toBe(true);
    changeSetting(ctx, h.teamId, { key: 'template.order', value: ['salesArea'], actor: 'm' });
    expect(formOrder(ctx.settings.template)[0]).toBe('salesArea');
    expect(() => changeSetting(ctx, h.teamId, { key: 'template.order', value: ['ghost'], actor: 'm' })).toThrow(/template\.order\.0: unknown field "ghost"/);
    expect(() => changeSetting(ctx, h.teamId, { key: 'template.custom', value: [{ ...region, options: undefined }], actor: 'm' })).toThrow(/template\.custom\.0\.options/);
    expect(ctx.settings.template.order).toEqual(['salesArea']);
  });
});
