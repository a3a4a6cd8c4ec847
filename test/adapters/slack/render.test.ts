import { describe, expect, it } from 'vitest';
import { formErrors, renderHome, renderMessage, renderModal } from '../../../adapters/slack/render/index.js';
import { escapeMrkdwn, splitMrkdwn, sparkline } from '../../../adapters/slack/render/mrkdwn.js';
import { decodeAction } from '../../../src/ui/action.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { FormSpec } from '../../../src/ui/form.js';
import { customerCard, digestCard, promptCard, reportForm } from '../../fixtures/slack/cards.js';
import { limitViolations } from './slack-limits.js';
import { slackText } from '../../support/cards.js';

const GOLDEN = '../../fixtures/slack/golden';
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
/** The visible text of every message's blocks (their text objects), in order. */
const allText = (msgs: ReturnType<typeof renderMessage>): string => slackText(msgs.map((m) => m.blocks));

describe('renderMessage goldens', () => {
  it('prompt card', async () => {
    const msgs = renderMessage(promptCard(12));
    expect(msgs).toHaveLength(1);
    expect(limitViolations(msgs[0]!.blocks, 'message')).toEqual([]);
    await expect(json(msgs)).toMatchFileSnapshot(`${GOLDEN}/prompt-card.json`);
  });

  it('digest card', async () => {
    const msgs = renderMessage(digestCard(3));
    expect(msgs).toHaveLength(1);
    await expect(json(msgs)).toMatchFileSnapshot(`${GOLDEN}/digest-card.json`);
  });

  it('customer card with fields, escaped notes, link, tables and chart', async () => {
    const msgs = renderMessage(customerCard());
    const text = allText(msgs);
    expect(text).toContain('<@U0REP1>');
    expect(text).toContain('&lt;!channel&gt; &amp; asked');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('<https://example.com/a%7Cb%3Ec|the contract>');
    expect(text).toContain('▁');
    expect(msgs[0]!.blocks[0]).toMatchObject({ type: 'header', text: { text: '🔴 华星科技 — index 82 (A)' } });
    expect(limitViolations(msgs[0]!.blocks, 'message')).toEqual([]);
    await expect(json(msgs)).toMatchFileSnapshot(`${GOLDEN}/customer-card.json`);
  });

  it('form', async () => {
    const view = renderModal(reportForm());
    expect(limitViolations(view.blocks, 'modal')).toEqual([]);
    await expect(json(view)).toMatchFileSnapshot(`${GOLDEN}/report-form.json`);
  });
});

describe('renderMessage limits', () => {
  it('a rep with 60 customers: every customer and button survives, ≤ 50 blocks each', () => {
    const msgs = renderMessage(promptCard(60));
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) expect(limitViolations(m.blocks, 'message')).toEqual([]);
    const text = allText(msgs);
    for (let i = 1; i <= 60; i++) expect(text).toContain(`#${i}*`);
    const values = msgs.flatMap((m) => m.blocks).flatMap((b: any) => (b.accessory ? [b.accessory.value] : b.elements?.map((e: any) => e.value) ?? []));
    expect(values.filter((v: string) => decodeAction(v)?.kind === 'report.open')).toHaveLength(60);
    expect(msgs[1]!.blocks[0]).toMatchObject({ type: 'context' });
    expect(msgs[1]!.text).toContain(`(2/${msgs.length})`);
  });

  it('a digest with 80 red flags: no red flag dropped, groups kept whole', () => {
    const msgs = renderMessage(digestCard(80));
    for (const m of msgs) expect(limitViolations(m.blocks, 'message')).toEqual([]);
    const text = allText(msgs);
    for (let i = 1; i <= 80; i++) expect(text).toContain(`#${i}*`);
    // each red flag's text is followed by its buttons in the same message
    const afterFlag = msgs.flatMap((m) => m.blocks.flatMap((b: any, i) => (b.type === 'section' && b.text?.text.includes('index ') ? [m.blocks[i + 1]?.type ?? 'end of message'] : [])));
    expect(afterFlag).toHaveLength(80);
    expect(afterFlag).toEqual(afterFlag.map(() => 'actions'));
    // action ids unique across the whole card
    const ids = msgs.flatMap((m) => m.blocks).flatMap((b: any) => b.elements?.map((e: any) => e.action_id) ?? []).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('long names, notes and titles are clamped or split, never over a limit', () => {
    const long = 'Ω'.repeat(5000);
    const card: CardSpec = {
      title: `客户${'名'.repeat(300)}`,
      tone: 'orange',
      summary: 's'.repeat(5000),
      blocks: [
        { type: 'text', text: [long, '\n', long] },
        { type: 'fields', fields: Array.from({ length: 14 }, (_, i) => ({ label: `L${i}`, value: ['v'.repeat(2500)] })) },
        { type: 'actions', buttons: Array.from({ length: 30 }, (_, i) => ({ label: 'B'.repeat(100), action: { kind: 'task.claim' as const, args: { taskId: String(i) } } })) },
        { type: 'note', text: ['n'.repeat(40_000)] },
        { type: 'table', columns: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }, { key: 'c', label: 'C' }], rows: Array.from({ length: 200 }, (_, i) => ({ a: `row ${i}`, b: '客'.repeat(20), c: 'x'.repeat(30) })) },
        { type: 'actions', buttons: [{ label: 'Too big', action: { kind: 'task.claim', args: { taskId: 'z'.repeat(2100) } } }] },
      ],
    };
    const msgs = renderMessage(card);
    for (const m of msgs) {
      expect(limitViolations(m.blocks, 'message')).toEqual([]);
      expect(m.text.length).toBeLessThanOrEqual(3000);
    }
    const text = allText(msgs);
    expect((text.match(/Ω/g) ?? []).length).toBe(10_000); // split, not cut
    expect(text).toContain('row 199');
    expect(text).toContain('action unavailable');
    const buttons = msgs.flatMap((m) => m.blocks).filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements);
    expect(buttons).toHaveLength(30);
  });

  it('home view stays within 100 blocks and says what it left out', () => {
    const home = renderHome(digestCard(80));
    expect(home.type).toBe('home');
    expect(limitViolations(home.blocks, 'home')).toEqual([]);
    expect(slackText(home.blocks.at(-1))).toContain('more items not shown');
  });
});

describe('renderModal', () => {
  it('maps kinds, values and required, and clamps title/submit/close to 24', () => {
    const view = renderModal(reportForm());
    expect(view.callback_id).toBe('radar_form');
    expect(view.private_metadata).toBe(reportForm().formId);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks[0]).toMatchObject({ type: 'section', text: { text: 'Last week: overdue 30 days, stage negotiation. &lt;b&gt;&amp;&lt;/b&gt;' } });
    const inputs = Object.fromEntries(view.blocks.filter((b) => b.type === 'input').map((b: any) => [b.block_id, b]));
    expect(inputs.contacts).toMatchObject({ optional: false, element: { type: 'number_input', action_id: 'contacts', is_decimal_allowed: false, min_value: '0' } });
    expect(inputs.contacts.element.initial_value).toBeUndefined(); // 'abc' is not a number
    expect(inputs.revenue).toMatchObject({ optional: true, element: { type: 'number_input', is_decimal_allowed: true } });
    expect(inputs.overdueDays.element.initial_value).toBe('30');
    expect(inputs.nextStepDate.element).toMatchObject({ type: 'datepicker', initial_date: '2026-12-01' });
    expect(inputs.stage.element.initial_option).toEqual({ text: { type: 'plain_text', text: 'Negotiation / 谈判', emoji: true }, value: 'negotiation' });
    expect(inputs.notes.element).toMatchObject({ type: 'plain_text_input', multiline: true, initial_value: 'Called twice', max_length: 2000 });
    expect(inputs.owner.element.multiline).toBeUndefined();
  });

  it('150 options become option groups; long option labels are clamped', () => {
    const form: FormSpec = {
      ...reportForm(),
      fields: [{ id: 'customer', label: 'Customer', kind: 'select', required: true, options: Array.from({ length: 150 }, (_, i) => ({ value: `c${i}`, label: `客户 ${i} ${'x'.repeat(100)}` })) }],
      values: { customer: 'c120' },
    };
    const view = renderModal(form);
    expect(limitViolations(view.blocks, 'modal')).toEqual([]);
    const el = (view.blocks.find((b) => b.type === 'input') as any).element;
    expect(el.options).toBeUndefined();
    expect(el.option_groups).toHaveLength(2);
    expect(el.option_groups.flatMap((g: any) => g.options)).toHaveLength(150);
    expect(el.initial_option.value).toBe('c120');
  });

  it('formErrors keys by block id and keeps errors of unknown fields', () => {
    const form: FormSpec = { ...reportForm(), errors: { overdueDays: 'must be ≥ 0', ghost: 'unexpected' } };
    expect(formErrors(form)).toEqual({ response_action: 'errors', errors: { overdueDays: 'must be ≥ 0', contacts: 'ghost: unexpected' } });
    const view = renderModal(form);
    expect(slackText(view.blocks)).toContain('⚠️ must be ≥ 0');
  });
});

describe('mrkdwn helpers', () => {
  it('escapes the three control characters only', () => {
    expect(escapeMrkdwn('a & b < c > d *e*')).toBe('a &amp; b &lt; c &gt; d *e*');
  });
  it('splits without losing characters or breaking entities', () => {
    const text = `${'a'.repeat(2997)}&amp;${'b'.repeat(100)}`;
    const parts = splitMrkdwn(text, 3000);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => p.length <= 3000)).toBe(true);
    expect(parts[1]!.startsWith('&amp;')).toBe(true);
  });
  it('draws a sparkline', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5])).toBe('▄▄');
  });
});
