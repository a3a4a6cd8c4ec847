// CardSpec → Card JSON 2.0. Pure. A card over 30 KB or 200 components is continued in further cards;
// every block lands in some card (a red flag is never dropped), in order.
import type { CardSpec } from '../../../src/ui/card.js';
import type { Card2, Card2Element } from './card-v2.types.js';
import {
  CARD_BYTE_BUDGET, CARD_ELEMENT_BUDGET, MAX_SUBTITLE_CHARS, MAX_TABLES_PER_CARD, MAX_TITLE_CHARS,
} from '../limits.js';
import { ACTION_VALUE_KEY, markdown, PART_VALUE_KEY, renderBlock, TABLE_ROWS_PER_COMPONENT } from './blocks.js';
import { bytesOf, fitElement, SAMPLED_NOTE, thinChart } from './fit-unit.js';
import { HEADER_TEMPLATE, truncate } from './markdown.js';
import { countComponents, jsonBytes } from './check-card.js';
import { nativeChartPlan } from './vchart.js';

const SUMMARY_CHARS = 100;

function shell(spec: CardSpec, subtitle: string | null, elements: Card2Element[]): Card2 {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: truncate(spec.summary || spec.title, SUMMARY_CHARS) } },
    header: {
      title: { tag: 'plain_text', content: truncate(spec.title, MAX_TITLE_CHARS) },
      ...(subtitle ? { subtitle: { tag: 'plain_text' as const, content: truncate(subtitle, MAX_SUBTITLE_CHARS) } } : {}),
      template: HEADER_TEMPLATE[spec.tone],
    },
    body: { elements },
  };
}

function componentsOf(el: Card2Element): number {
  return countComponents({ schema: '2.0', config: { update_multi: true }, body: { elements: [el] } });
}

/**
 * Render every block, deciding table/chart quotas in document order. Returns units: element lists kept
 * in one card. A block's components are separate units (a long text may continue in the next card),
 * except that consecutive blocks of one card `unit` (a customer's text and its buttons) form one.
 * No unit exceeds `budget` bytes: an oversize native table becomes a markdown table, an oversize chart
 * is sampled (or shown as text), long markdown is split, and an oversize unit is broken up.
 */
function renderUnits(spec: CardSpec, budget: number): Card2Element[][] {
  let tables = 0;
  const plan = nativeChartPlan(spec.blocks);
  const units: Card2Element[][] = [];
  let unit: string | undefined;
  for (const [at, block] of spec.blocks.entries()) {
    let nativeTable = false;
    let needed = 0;
    if (block.type === 'table') {
      needed = Math.max(1, Math.ceil(block.rows.length / TABLE_ROWS_PER_COMPONENT));
      nativeTable = tables + needed <= MAX_TABLES_PER_CARD;
      if (nativeTable) tables += needed;
    }
    const nativeChart = plan[at]!;
    let rendered = renderBlock(block, { nativeTable, nativeChart });
    const tooBig = () => rendered.some((el) => jsonBytes(el) > budget);
    if (block.type === 'table' && nativeTable && tooBig()) {
      tables -= needed;
      rendered = renderBlock(block, { nativeTable: false, nativeChart });
    }
    if (block.type === 'chart' && nativeChart && tooBig()) {
      let points = Math.max(...block.series.map((s) => s.points.length));
      while (tooBig() && points > 2) {
        points = Math.max(2, Math.floor(points / 2));
        rendered = [...renderBlock(thinChart(block, points), { nativeTable, nativeChart }), markdown(SAMPLED_NOTE, { text_size: 'notation' })];
      }
      if (tooBig()) {
        rendered = renderBlock(block, { nativeTable, nativeChart: false });
      }
    }
    rendered = rendered.flatMap((el) => fitElement(el, budget));
    if (block.unit !== undefined && block.unit === unit && units.length > 0) units[units.length - 1]!.push(...rendered);
    else if (block.unit !== undefined) units.push([...rendered]);
    else units.push(...rendered.map((el) => [el]));
    unit = block.unit;
  }
  // A unit that cannot fit one card is broken up rather than sent oversize.
  return units.flatMap((u) => (bytesOf(u) > budget ? u.map((el) => [el]) : [u])).filter((u) => u.length > 0);
}

/** Every button callback value in a rendered unit that carries an action. */
function actionValues(node: unknown, out: Array<Record<string, string>> = []): Array<Record<string, string>> {
  if (Array.isArray(node)) for (const x of node) actionValues(x, out);
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (n.type === 'callback' && n.value && typeof n.value === 'object' && ACTION_VALUE_KEY in n.value) out.push(n.value as Record<string, string>);
    else for (const v of Object.values(n)) actionValues(v, out);
  }
  return out;
}

// `,"p":"10"` per button: counted on every page so marking a continuation never breaks its budget.
const PART_MARK_BYTES = jsonBytes({ [PART_VALUE_KEY]: '10' }) - 1;

/**
 * Render a card. Returns the first card and, when the content exceeds one card's budget
 * (≈28 KB / 180 components), continuation cards titled "(2/3)"… in order. Buttons on continuation
 * cards carry their part number (`p`, see PART_VALUE_KEY) next to the action.
 */
export function renderCard(spec: CardSpec): Card2[] {
  const overhead = jsonBytes(shell(spec, 'continued 10/10 · 续 10/10', []));
  // Room for one unit alone on a page, its part marks included.
  const units = renderUnits(spec, CARD_BYTE_BUDGET - overhead - 40 * PART_MARK_BYTES);
  const pages: Card2Element[][] = [[]];
  let bytes = overhead;
  let components = 0;
  for (const unit of units) {
    const b = unit.reduce((n, el) => n + jsonBytes(el) + 1, 0) + actionValues(unit).length * PART_MARK_BYTES;
    const c = unit.reduce((n, el) => n + componentsOf(el), 0);
    const page = pages[pages.length - 1]!;
    if (page.length > 0 && (bytes + b > CARD_BYTE_BUDGET || components + c > CARD_ELEMENT_BUDGET)) {
      pages.push([...unit]);
      bytes = overhead + b;
      components = c;
    } else {
      page.push(...unit);
      bytes += b;
      components += c;
    }
  }
  const n = pages.length;
  for (let i = 1; i < n; i += 1) for (const value of actionValues(pages[i])) value[PART_VALUE_KEY] = String(i + 1);
  return pages.map((elements, i) => shell(spec, n === 1 ? null : i === 0 ? `1/${n}` : `续 ${i + 1}/${n} · continued`, elements));
}

/** What a retired continuation message shows once the card it belonged to no longer needs it. */
export function supersededCard(title: string): Card2 {
  const text = '已更新，内容见上方的卡片 / Superseded: see the updated card above';
  return shell({ title, tone: 'grey', summary: text, blocks: [] }, null, [{ tag: 'markdown', content: text }]);
}
