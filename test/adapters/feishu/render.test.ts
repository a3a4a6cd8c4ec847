import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../adapters/feishu/render/render-card.js';
import { renderFormCard } from '../../../adapters/feishu/render/render-form.js';
import { checkCard, countComponents, jsonBytes } from '../../../adapters/feishu/render/check-card.js';
import { escapeMarkdown } from '../../../adapters/feishu/render/markdown.js';
import type { Card2 } from '../../../adapters/feishu/render/card-v2.types.js';
import { MAX_CARD_BYTES, MAX_CARD_ELEMENTS, MAX_TABLES_PER_CARD } from '../../../adapters/feishu/limits.js';
import type { CardSpec } from '../../../src/ui/card.js';
import { decodeAction } from '../../../src/ui/action.js';
import { digestCard, promptCard, reportForm } from '../../fixtures/feishu/specs.js';

const golden = (name: string) => `../../fixtures/feishu/golden/${name}.json`;
const pretty = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

function allButtonsValues(cards: Card2[]): string[] {
  const out: string[] = [];
  JSON.stringify(cards, (k, v) => {
    if (k === 'a' && typeof v === 'string') out.push(v);
    return v;
  });
  return out;
}

describe('renderCard goldens', () => {
  it('prompt card (3 customers)', async () => {
    const cards = renderCard(promptCard(3));
    expect(cards).toHaveLength(1);
    expect(checkCard(cards[0]!)).toEqual([]);
    await expect(pretty(cards[0])).toMatchFileSnapshot(golden('prompt-card'));
  });

  it('digest card (3 flags) with table and chart', async () => {
    const cards = renderCard(digestCard(3));
    expect(cards).toHaveLength(1);
    expect(checkCard(cards[0]!)).toEqual([]);
    await expect(pretty(cards[0])).toMatchFileSnapshot(golden('digest-card'));
  });

  it('form card', async () => {
    const card = renderFormCard(reportForm());
    expect(checkCard(card)).toEqual([]);
    await expect(pretty(card)).toMatchFileSnapshot(golden('form-card'));
  });

  it('form card with errors keeps values and shows red messages', async () => {
    const card = renderFormCard(reportForm({ values: { contacts: 'abc', revenue: '-5' }, errors: { contacts: '请输入整数', revenue: '不能为负数' } }));
    expect(checkCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('"default_value":"abc"');
    expect(json).toContain("<font color='red'>请输入整数</font>");
    expect(json).toContain("<font color='red'>不能为负数</font>");
    await expect(pretty(card)).toMatchFileSnapshot(golden('form-card-errors'));
  });
});

describe('form card structure', () => {
  it('puts a form at the root whose field names are the field ids', () => {
    const form = reportForm();
    const card = renderFormCard(form);
    const formEl = card.body.elements.find((e) => e.tag === 'form');
    expect(formEl).toBeDefined();
    const names = JSON.stringify(formEl).match(/"name":"[^"]+"/g)!.map((m) => m.slice(8, -1));
    expect(names).toEqual(expect.arrayContaining(form.fields.map((f) => f.id)));
    const json = JSON.stringify(card);
    expect(json).toContain('"tag":"date_picker","name":"lastContact","required":false,"initial_date":"2026-11-27"');
    expect(json).toContain('"initial_option":"quality"');
    expect(json).toContain('"input_type":"multiline_text"');
    expect(json).toContain('"max_length":1000');
    expect(json).toContain('"form_action_type":"submit"');
    expect(json).toContain(`"formId":"${form.formId}"`);
  });
});

describe('checkCard', () => {
  it('reports unknown keys, undefined values and misplaced tables', () => {
    const bad = {
      schema: '2.0', config: { update_multi: true },
      body: { elements: [
        { tag: 'markdown', content: 'x', colour: 'red' },
        { tag: 'markdown', content: undefined },
        { tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'table', columns: [], rows: [] }] }] },
        { tag: 'blink' },
      ] },
    } as unknown as Card2;
    const problems = checkCard(bad);
    expect(problems).toEqual(expect.arrayContaining([
      'card.body.elements[0].colour: unknown property',
      'card.body.elements[1].content: undefined value',
      'card.body.elements[2].columns[0].elements[0]: table is only allowed at the card root',
      'card.body.elements[3]: unknown component tag blink',
    ]));
  });
});

describe('limits', () => {
  const assertFits = (cards: Card2[]) => {
    for (const c of cards) {
      expect(checkCard(c)).toEqual([]);
      expect(jsonBytes(c)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(countComponents(c)).toBeLessThanOrEqual(MAX_CARD_ELEMENTS);
    }
  };

  it('60-customer prompt: every customer button is kept, in order', () => {
    const cards = renderCard(promptCard(60));
    assertFits(cards);
    const opens = allButtonsValues(cards).map((v) => decodeAction(v)!).filter((a) => a.kind === 'report.open');
    expect(opens.map((a) => a.args.customerId)).toEqual(Array.from({ length: 60 }, (_, i) => String(i + 1)));
  });

  it('80-flag digest splits into continuation cards and drops no red flag', () => {
    const cards = renderCard(digestCard(80));
    expect(cards.length).toBeGreaterThan(1);
    assertFits(cards);
    const claims = allButtonsValues(cards).map((v) => decodeAction(v)!).filter((a) => a.kind === 'task.claim');
    expect(claims).toHaveLength(80);
    const text = JSON.stringify(cards);
    for (let i = 1; i <= 80; i += 1) expect(text).toContain(`**客户${i}**`);
    expect(cards[1]!.header!.subtitle!.content).toMatch(/^续 2\/\d+/);
    expect(cards.every((c) => c.config.update_multi)).toBe(true);
  });

  it('buttons on continuation cards carry their part number next to the action; the first card none', () => {
    const cards = renderCard(digestCard(80));
    const values = (c: Card2) => {
      const out: Array<Record<string, string>> = [];
      JSON.stringify(c, (k, v) => {
        if (k === 'value' && v && typeof v === 'object' && 'a' in v) out.push(v);
        return v;
      });
      return out;
    };
    expect(values(cards[0]!).length).toBeGreaterThan(0);
    expect(values(cards[0]!).every((v) => !('p' in v))).toBe(true);
    cards.slice(1).forEach((c, i) => {
      expect(values(c).length).toBeGreaterThan(0);
      expect(values(c).every((v) => v.p === String(i + 2))).toBe(true);
    });
    // The marks are inside the budget: every part still fits.
    assertFits(cards);
  });

  it('long notes are split, not cut', () => {
    const long = '很长的备注。'.repeat(5000);
    const spec: CardSpec = { title: 't', tone: 'grey', summary: 's', blocks: [{ type: 'note', text: [long] }] };
    const cards = renderCard(spec);
    assertFits(cards);
    const joined = cards.flatMap((c) => c.body.elements).map((e) => (e.tag === 'markdown' ? e.content : '')).join('');
    expect(joined).toBe(escapeMarkdown(long));
  });

  it('at most five native tables per card; the rest become markdown tables', () => {
    const table = { type: 'table' as const, columns: [{ key: 'a', label: 'A' }], rows: [{ a: '1' }] };
    const spec: CardSpec = { title: 't', tone: 'blue', summary: 's', blocks: Array.from({ length: 7 }, () => table) };
    const [card] = renderCard(spec);
    assertFits([card!]);
    expect(card!.body.elements.filter((e) => e.tag === 'table')).toHaveLength(MAX_TABLES_PER_CARD);
    expect(card!.body.elements.filter((e) => e.tag === 'markdown' && e.content.startsWith('| A |'))).toHaveLength(2);
  });
});

describe('markdown escaping', () => {
  it('escapes user text so it cannot inject mentions, links or formatting', () => {
    expect(escapeMarkdown('<at id=all></at> *x* [a](b)')).toBe('&lt;at id=all&gt;&lt;/at&gt; &#42;x&#42; &#91;a&#93;(b)');
    expect(escapeMarkdown('- item\n1. one')).toBe('&#45; item\n1&#46; one');
  });

  it('renders mentions with open_id, else the escaped name', () => {
    const [card] = renderCard({ title: 't', tone: 'blue', summary: 's', blocks: [{ type: 'text', text: [
      { mention: { name: 'A', ids: { feishu: 'ou_abc' } } }, ' ', { mention: { name: 'B_b' } },
    ] }] });
    expect(JSON.stringify(card)).toContain('<at id=ou_abc></at> @B&#95;b');
  });
});

describe('markdown escaping of headings', () => {
  it('neutralises a leading # but keeps # inside a line', () => {
    expect(escapeMarkdown('# big\nA # B')).toBe('&#35; big\nA # B');
  });
});
