// One neutral card block → Block Kit blocks, each clamped to Slack's limits. Long content is split
// into more blocks rather than cut, so nothing a view put on a card is lost.
import type { ActionsBlock, Button as SlackButton, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { encodeAction } from '../../../src/ui/action.js';
import type { Block, Button } from '../../../src/ui/card.js';
import { oneLine } from '../../../src/ui/text.js';
import {
  ACTION_ID_MAX, ACTIONS_MAX_ELEMENTS, BUTTON_TEXT_MAX, BUTTON_VALUE_MAX, CONTEXT_MAX_ELEMENTS, IMAGE_ALT_MAX, IMAGE_TITLE_MAX,
  SECTION_FIELD_MAX, SECTION_MAX_FIELDS, SECTION_TEXT_MAX, TABLE_CELL_MAX, TABLE_HEADER_MAX, TEXT_OBJECT_MAX,
} from '../limits.js';
import { clamp, displayWidth, escapeMrkdwn, escapeName, richToMrkdwn, sparkline, splitMrkdwn } from './mrkdwn.js';

/** Prefix of every button action_id we render; the action listener matches on it. */
export const ACTION_ID_PREFIX = 'radar_';

/** Hands out action_ids unique within one rendered card (Slack rejects duplicates in a message). */
export class ActionIds {
  private n = 0;
  next(): string {
    this.n += 1;
    return clamp(`${ACTION_ID_PREFIX}${this.n}`, ACTION_ID_MAX);
  }
}

export function renderButton(button: Button, ids: ActionIds): SlackButton | null {
  const value = encodeAction(button.action);
  // A value over the limit cannot be shortened without changing its meaning: the caller shows a note.
  if (value.length > BUTTON_VALUE_MAX) return null;
  const out: SlackButton = {
    type: 'button',
    text: { type: 'plain_text', text: clamp(oneLine(button.label) || '…', BUTTON_TEXT_MAX), emoji: true },
    action_id: ids.next(),
    value,
  };
  if (button.style) out.style = button.style;
  return out;
}

const unavailable = (label: string): string => `_${escapeName(clamp(label, 60))}: action unavailable / 操作不可用_`;

function sections(mrkdwn: string): SectionBlock[] {
  return splitMrkdwn(mrkdwn || ' ', SECTION_TEXT_MAX).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

function context(mrkdwn: string): ContextBlock[] {
  const parts = splitMrkdwn(mrkdwn || ' ', TEXT_OBJECT_MAX);
  const out: ContextBlock[] = [];
  for (let i = 0; i < parts.length; i += CONTEXT_MAX_ELEMENTS) {
    out.push({ type: 'context', elements: parts.slice(i, i + CONTEXT_MAX_ELEMENTS).map((text) => ({ type: 'mrkdwn', text })) });
  }
  return out;
}

function actions(buttons: readonly Button[], ids: ActionIds): KnownBlock[] {
  const rendered: SlackButton[] = [];
  const notes: string[] = [];
  for (const b of buttons) {
    const r = renderButton(b, ids);
    if (r) rendered.push(r);
    else notes.push(unavailable(b.label));
  }
  const out: KnownBlock[] = [];
  for (let i = 0; i < rendered.length; i += ACTIONS_MAX_ELEMENTS) {
    const block: ActionsBlock = { type: 'actions', elements: rendered.slice(i, i + ACTIONS_MAX_ELEMENTS) };
    out.push(block);
  }
  if (notes.length > 0) out.push(...context(notes.join('\n')));
  return out;
}

function table(block: Extract<Block, { type: 'table' }>): KnownBlock[] {
  const { columns, rows } = block;
  if (columns.length === 0) return [];
  // Cut before escaping, so no entity is split; a long label must not widen every row.
  const cell = (s: string | undefined): string => escapeName(clamp(s ?? '', TABLE_CELL_MAX));
  // Two columns and a few rows read best as label/value fields.
  if (columns.length === 2 && rows.length * 2 + 2 <= SECTION_MAX_FIELDS) {
    const [a, b] = columns as [typeof columns[0], typeof columns[0]];
    const fields = [`*${cell(a.label)}*`, `*${cell(b.label)}*`, ...rows.flatMap((r) => [cell(r[a.key]), cell(r[b.key])])];
    return [{ type: 'section', fields: fields.map((f) => ({ type: 'mrkdwn', text: clamp(f || ' ', SECTION_FIELD_MAX) })) }];
  }
  const matrix = [columns.map((c) => cell(c.label)), ...rows.map((r) => columns.map((c) => cell(r[c.key])))];
  const widths = columns.map((_, i) => Math.max(...matrix.map((row) => displayWidth(row[i] ?? ''))));
  const line = (row: string[]): string =>
    row
      .map((v, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(v)));
        return columns[i]?.align === 'right' ? pad + v : v + pad;
      })
      .join('  ')
      .trimEnd();
  // The header repeats in every chunk: clamped so that it and a row always fit in one section.
  const header = clamp(line(matrix[0] ?? []), TABLE_HEADER_MAX);
  const body = matrix.slice(1).map((r) => clamp(line(r), SECTION_TEXT_MAX - header.length - 10));
  // Each chunk repeats the header and stays inside one section.
  const out: SectionBlock[] = [];
  let chunk: string[] = [];
  const flush = (): void => {
    out.push({ type: 'section', text: { type: 'mrkdwn', text: '```\n' + [header, ...chunk].join('\n') + '\n```' } });
    chunk = [];
  };
  for (const row of body) {
    const size = header.length + 8 + [...chunk, row].reduce((n, r) => n + r.length + 1, 0);
    if (chunk.length > 0 && size > SECTION_TEXT_MAX) flush();
    chunk.push(row);
  }
  if (chunk.length > 0 || body.length === 0) flush();
  return out;
}

function chart(block: Extract<Block, { type: 'chart' }>): KnownBlock[] {
  const lines = block.series.map((s) => {
    const ys = s.points.map((p) => p.y);
    const first = s.points[0];
    const last = s.points[s.points.length - 1];
    const range = first && last ? ` ${escapeMrkdwn(first.x)} ${first.y} → ${escapeMrkdwn(last.x)} ${last.y}` : '';
    return `${escapeName(s.name)}  \`${sparkline(ys)}\`${range}`;
  });
  return sections([`*${escapeName(block.title)}*`, ...lines].join('\n'));
}

/**
 * An uploaded chart as an image block (`slack_file`), with its numbers as alt text; not uploaded
 * (no renderer, or the upload failed): the numbers as a context line.
 * @see https://docs.slack.dev/reference/block-kit/blocks/image-block
 */
function image(block: Extract<Block, { type: 'image' }>): KnownBlock[] {
  const id = block.uploaded?.slackFileId;
  if (!id) return context(escapeMrkdwn(block.chart.alt));
  return [{
    type: 'image',
    slack_file: { id },
    alt_text: clamp(block.chart.alt, IMAGE_ALT_MAX),
    title: { type: 'plain_text', text: clamp(block.chart.title, IMAGE_TITLE_MAX) },
  }];
}

/** Render one neutral block. */
export function renderBlock(block: Block, ids: ActionIds): KnownBlock[] {
  switch (block.type) {
    case 'text': {
      const out = sections(richToMrkdwn(block.text));
      if (!block.button) return out;
      const btn = renderButton(block.button, ids);
      const last = out[out.length - 1];
      if (btn && last) last.accessory = btn;
      return btn ? out : [...out, ...context(unavailable(block.button.label))];
    }
    case 'fields': {
      const texts = block.fields.map((f) => clamp(`*${escapeName(f.label)}*\n${richToMrkdwn(f.value)}`, SECTION_FIELD_MAX));
      const out: SectionBlock[] = [];
      for (let i = 0; i < texts.length; i += SECTION_MAX_FIELDS) {
        out.push({ type: 'section', fields: texts.slice(i, i + SECTION_MAX_FIELDS).map((text) => ({ type: 'mrkdwn', text })) });
      }
      return out;
    }
    case 'actions':
      return actions(block.buttons, ids);
    case 'note':
      return context(richToMrkdwn(block.text));
    case 'divider':
      return [{ type: 'divider' }];
    case 'heading':
      return sections(`*${escapeName(block.text)}*`);
    case 'table':
      return table(block);
    case 'chart':
      return chart(block);
    case 'image':
      return image(block);
  }
}
