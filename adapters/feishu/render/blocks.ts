// One neutral block → Card JSON 2.0 components. Pure; splitting into cards happens in render-card.ts.
import type { Block, Button } from '../../../src/ui/card.js';
import { encodeAction } from '../../../src/ui/action.js';
import type {
  ButtonElement, Card2Element, ChartElement, ColumnSetElement, MarkdownElement, TableColumn, TableElement,
} from './card-v2.types.js';
import { MAX_BUTTON_TEXT, MAX_IMG_ALT_CHARS, MAX_MARKDOWN_CHARS, MAX_TABLE_COLUMNS, MAX_TABLE_PAGE_SIZE } from '../limits.js';
import { escapeMarkdown, richTextToMarkdown, truncate } from './markdown.js';
import { nativeChart } from './vchart.js';

/** Whether a table/chart block may use its native component (the per-card quota is decided by the caller). */
export interface BlockOptions {
  nativeTable: boolean;
  nativeChart: boolean;
}

/** Button value key: `a` carries the encoded ActionRef (short, readable in logs). */
export const ACTION_VALUE_KEY = 'a';
/**
 * Button value key on continuation cards: `p` is the card's part number ("2" for the second card).
 * Absent on the first card. A click there must not be answered with a card (it would overwrite that
 * part with the first page for everyone).
 */
export const PART_VALUE_KEY = 'p';

export function renderButton(button: Button): ButtonElement {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: truncate(button.label, MAX_BUTTON_TEXT) },
    type: button.style === 'primary' ? 'primary' : button.style === 'danger' ? 'danger' : 'default',
    size: 'small',
    behaviors: [{ type: 'callback', value: { [ACTION_VALUE_KEY]: encodeAction(button.action) } }],
  };
}

export function markdown(content: string, extra: Partial<Omit<MarkdownElement, 'tag' | 'content'>> = {}): MarkdownElement {
  return { tag: 'markdown', content, ...extra };
}

/**
 * Split long markdown into chunks of at most `max` characters, preferring line breaks, then spaces,
 * and never cutting inside an entity (`&…;`) or a tag (`<…>`). Nothing is dropped.
 */
export function splitMarkdown(content: string, max = MAX_MARKDOWN_CHARS): string[] {
  const chunks: string[] = [];
  let rest = content;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) {
      cut = max;
      const amp = rest.lastIndexOf('&', cut);
      if (amp > cut - 12 && rest.indexOf(';', amp) >= cut) cut = amp;
      const lt = rest.lastIndexOf('<', cut);
      if (lt > rest.lastIndexOf('>', cut - 1) && lt > 0) cut = lt;
    }
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  chunks.push(rest);
  return chunks;
}

function markdownUnits(content: string, extra: Partial<Omit<MarkdownElement, 'tag' | 'content'>> = {}): MarkdownElement[] {
  return splitMarkdown(content).map((c) => markdown(c, extra));
}

function buttonRow(buttons: readonly Button[]): ColumnSetElement {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: 'small',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [renderButton(b)] })),
  };
}

const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;

function tableColumns(block: Extract<Block, { type: 'table' }>): Array<TableColumn & { key: string }> {
  return block.columns.slice(0, MAX_TABLE_COLUMNS).map((c, i) => ({
    key: c.key,
    name: SAFE_KEY.test(c.key) ? c.key : `c${i}`,
    display_name: c.label,
    data_type: 'text',
    horizontal_align: c.align === 'right' ? 'right' : 'left',
  }));
}

export const TABLE_ROWS_PER_COMPONENT = 50;

/** Native tables, ≤ 50 rows each, so one huge table never blows the 30 KB budget on its own. */
function nativeTables(block: Extract<Block, { type: 'table' }>): TableElement[] {
  const cols = tableColumns(block);
  const rows = block.rows.map((row) => Object.fromEntries(cols.map((c) => [c.name, row[c.key] ?? ''])));
  const tables: TableElement[] = [];
  for (let i = 0; i === 0 || i < rows.length; i += TABLE_ROWS_PER_COMPONENT) {
    const slice = rows.slice(i, i + TABLE_ROWS_PER_COMPONENT);
    tables.push({
      tag: 'table',
      columns: cols.map(({ key: _key, ...c }) => c),
      rows: slice,
      page_size: Math.max(1, Math.min(MAX_TABLE_PAGE_SIZE, slice.length)),
      row_height: 'low',
      header_style: { background_style: 'grey', bold: true },
    });
  }
  return tables;
}

/** A markdown table (used beyond the five-tables-per-card quota). */
export function markdownTable(block: Extract<Block, { type: 'table' }>): string {
  const cell = (s: string) => escapeMarkdown(s).replace(/\n/g, ' ');
  const head = `| ${block.columns.map((c) => cell(c.label)).join(' | ')} |`;
  const sep = `| ${block.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  const body = block.rows.map((r) => `| ${block.columns.map((c) => cell(r[c.key] ?? '')).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
}

function chart(block: Extract<Block, { type: 'chart' }>): ChartElement {
  const multi = block.series.length > 1;
  const values = block.series.flatMap((s) =>
    s.points.map((p): Record<string, string | number> => (multi ? { x: p.x, y: p.y, series: s.name } : { x: p.x, y: p.y })));
  return {
    tag: 'chart',
    aspect_ratio: '2:1',
    chart_spec: {
      type: block.kind,
      title: { text: block.title },
      data: { values },
      xField: 'x',
      yField: 'y',
      ...(multi ? { seriesField: 'series', legends: { visible: true } } : {}),
    },
  };
}

/** Text fallback for a chart beyond the per-card quota: one line per series. */
function chartAsText(block: Extract<Block, { type: 'chart' }>): string {
  const lines = block.series.map((s) => `${escapeMarkdown(s.name)}: ${s.points.map((p) => `${escapeMarkdown(p.x)} ${p.y}`).join(' · ')}`);
  return [`**${escapeMarkdown(block.title)}**`, ...lines].join('\n');
}

/** The components for one block; each returned unit is kept whole when cards are split. */
export function renderBlock(block: Block, options: BlockOptions): Card2Element[] {
  switch (block.type) {
    case 'text': {
      const content = richTextToMarkdown(block.text);
      if (!block.button) return markdownUnits(content);
      // Too long to sit beside a button: text first (never cut), the button on its own row.
      if (content.length > MAX_MARKDOWN_CHARS) return [...markdownUnits(content), buttonRow([block.button])];
      return [{
        tag: 'column_set',
        flex_mode: 'none',
        columns: [
          { tag: 'column', width: 'weighted', weight: 4, vertical_align: 'center', elements: [markdown(content)] },
          { tag: 'column', width: 'auto', vertical_align: 'center', elements: [renderButton(block.button)] },
        ],
      }];
    }
    case 'fields': {
      // One markdown line per field keeps the component count low on long digests.
      const lines = block.fields.map((f) => `**${escapeMarkdown(f.label)}**: ${richTextToMarkdown(f.value)}`);
      return markdownUnits(lines.join('\n'));
    }
    case 'actions':
      return block.buttons.length === 0 ? [] : [buttonRow(block.buttons)];
    case 'note':
      return markdownUnits(richTextToMarkdown(block.text), { text_size: 'notation' });
    case 'divider':
      return [{ tag: 'hr' }];
    case 'heading':
      return [markdown(`**${escapeMarkdown(block.text)}**`, { text_size: 'heading' })];
    case 'table':
      if (block.columns.length === 0) return [];
      return options.nativeTable ? nativeTables(block) : markdownUnits(markdownTable(block));
    case 'chart':
      return options.nativeChart ? [chart(block)] : markdownUnits(chartAsText(block));
    case 'image': {
      // The chart's PNG once the ChatPort uploaded it; before that (or without a renderer) its numbers.
      // A kind Card 2.0 draws natively (trend, radar) goes as its chart component when the plan says so.
      const key = block.uploaded?.feishuImageKey;
      const native = !key && options.nativeChart ? nativeChart(block.chart) : null;
      if (native) return [native];
      if (!key) return markdownUnits(escapeMarkdown(block.chart.alt), { text_size: 'notation' });
      return [{
        tag: 'img', img_key: key, scale_type: 'fit_horizontal', preview: true,
        alt: { tag: 'plain_text', content: truncate(block.chart.alt, MAX_IMG_ALT_CHARS) },
        title: { tag: 'plain_text', content: truncate(block.chart.title, MAX_IMG_ALT_CHARS) },
      }];
    }
  }
}
