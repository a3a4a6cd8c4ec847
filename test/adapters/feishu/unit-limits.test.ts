// Per-unit size caps: a single chart, table, heading or form card that would exceed Feishu's 30 KB
// is sampled, split or shortened — never sent oversize. Tests at the extremes.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../adapters/feishu/render/render-card.js';
import { renderFormCard, SHORTENED_NOTE } from '../../../adapters/feishu/render/render-form.js';
import { SAMPLED_NOTE } from '../../../adapters/feishu/render/fit-unit.js';
import { checkCard, countComponents, jsonBytes } from '../../../adapters/feishu/render/check-card.js';
import type { Card2 } from '../../../adapters/feishu/render/card-v2.types.js';
import { MAX_CARD_BYTES, MAX_CARD_ELEMENTS } from '../../../adapters/feishu/limits.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { FormField, FormSpec } from '../../../src/ui/form.js';
import { feishuText } from '../../support/cards.js';
import { formFieldsOf } from '../../e2e/support/feishu-cards.js';

function assertFits(cards: Card2[]): void {
  for (const c of cards) {
    expect(checkCard(c)).toEqual([]);
    expect(jsonBytes(c)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(countComponents(c)).toBeLessThanOrEqual(MAX_CARD_ELEMENTS);
  }
}

const card = (blocks: CardSpec['blocks']): CardSpec => ({ title: '标题'.repeat(200), tone: 'blue', summary: '摘要'.repeat(200), blocks });
const WIDE = '𠀀'; // four bytes in UTF-8

describe('Feishu per-unit size caps', () => {
  it('a chart of 3 × 20,000 points is sampled into one native chart that fits, and says so', () => {
    const series = ['回款', '指数', '红旗'].map((name, k) => ({ name, points: Array.from({ length: 20_000 }, (_, i) => ({ x: `2026-${i}`, y: i * k })) }));
    const cards = renderCard(card([{ type: 'chart', title: '趋势', kind: 'line', series }]));
    assertFits(cards);
    const charts = cards.flatMap((c) => c.body.elements).filter((e) => e.tag === 'chart');
    expect(charts).toHaveLength(1);
    expect(feishuText(cards)).toContain(SAMPLED_NOTE);
    // First and last points survive the sampling.
    const xs = (charts[0] as any).chart_spec.data.values.map((v: { x: string }) => v.x);
    expect(xs).toContain('2026-0');
    expect(xs).toContain('2026-19999');
  });

  it('a chart with huge series names falls back to text, split over cards', () => {
    const series = Array.from({ length: 40 }, (_, k) => ({ name: `${WIDE.repeat(800)}${k}`, points: [{ x: 'a', y: 1 }, { x: 'b', y: 2 }] }));
    const cards = renderCard(card([{ type: 'chart', title: 't', kind: 'bar', series }]));
    assertFits(cards);
    expect(cards.flatMap((c) => c.body.elements).some((e) => e.tag === 'chart')).toBe(false);
    const shown = feishuText(cards);
    for (let k = 0; k < 40; k += 1) expect(shown).toContain(`${WIDE.repeat(3)}${k}`);
  });

  it('a 50-row table of 2,000-character cells becomes a markdown table split over cards, every row kept', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ rep: `row${i}-${'长'.repeat(2000)}`, n: String(i) }));
    const cards = renderCard(card([{ type: 'table', columns: [{ key: 'rep', label: '销售' }, { key: 'n', label: 'N', align: 'right' }], rows }]));
    assertFits(cards);
    expect(cards.length).toBeGreaterThan(1);
    const text = feishuText(cards);
    for (let i = 0; i < 50; i += 1) expect(text).toContain(`row${i}-`);
  });

  it('a 100 KB heading is split, not sent in one element', () => {
    const cards = renderCard(card([{ type: 'heading', text: WIDE.repeat(25_000) }]));
    assertFits(cards);
    const kept = cards.flatMap((c) => c.body.elements).map((e) => (e.tag === 'markdown' ? e.content : '')).join('');
    expect(Array.from(kept.matchAll(/𠀀/gu)).length).toBe(25_000);
  });

  it('a form of 60 long prefilled fields and 1,000-option selects fits one card; every field is still there', () => {
    const fields: FormField[] = [
      ...Array.from({ length: 60 }, (_, i): FormField => ({ id: `f${i}`, label: `字段${i}${'说明'.repeat(100)}`, kind: 'textarea', required: false, hint: '提示'.repeat(300) })),
      ...Array.from({ length: 3 }, (_, i): FormField => ({
        id: `s${i}`, label: `选择${i}`, kind: 'select', required: true,
        options: Array.from({ length: 1000 }, (_, j) => ({ value: `v${j}`, label: `选项${j}${'长'.repeat(100)}` })),
      })),
    ];
    const values: Record<string, string> = Object.fromEntries(fields.map((f, i) => [f.id, f.kind === 'select' ? 'v999' : `${i}:${WIDE.repeat(1000)}`]));
    const form: FormSpec = { formId: 'report.save|customerId=7|week=2026-W48', title: '华星科技', submitLabel: '保存', cancelLabel: '取消', intro: '介绍'.repeat(3000), fields, values };
    const rendered = renderFormCard(form);
    assertFits([rendered]);
    const controls = formFieldsOf(rendered);
    expect([...controls.keys()]).toEqual(expect.arrayContaining(fields.map((f) => f.id)));
    expect(feishuText(rendered)).toContain(SHORTENED_NOTE);
    // The chosen option survives however many options are cut.
    expect([...controls.values()].filter((c) => c.tag === 'select_static' && c.initial === 'v999')).toHaveLength(3);
  });

  it('an ordinary form is rendered in full, without the shortening note', () => {
    const form: FormSpec = {
      formId: 'x', title: 't', submitLabel: 's', cancelLabel: 'c', intro: '上周：正常',
      fields: [{ id: 'notes', label: '备注', kind: 'textarea', required: false, hint: '可选' }], values: { notes: '客户满意'.repeat(200) },
    };
    const rendered = renderFormCard(form);
    expect(formFieldsOf(rendered).get('notes')?.initial).toBe('客户满意'.repeat(200));
    expect(feishuText(rendered)).toContain('可选');
    expect(feishuText(rendered)).not.toContain(SHORTENED_NOTE);
  });
});
