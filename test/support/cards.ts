// Structural finders for what tests assert on: the neutral CardSpec (src/ui), Slack Block Kit JSON and
// Feishu Card JSON 2.0. Each returns the blocks, elements or visible strings a person would see, so a
// test asserts on the place that should hold a text — never on JSON.stringify of the whole payload
// (which also matches action ids, button values, urls and keys).
import { expect } from 'vitest';
import type { Block, CardSpec, Inline } from '../../src/ui/card.js';

// ---- neutral cards (src/ui/card.ts) ----

export type BlockOf<T extends Block['type']> = Extract<Block, { type: T }>;

/** Every block of `type`, in order, narrowed. */
export function blocksOfType<T extends Block['type']>(card: Pick<CardSpec, 'blocks'>, type: T): Array<BlockOf<T>> {
  return card.blocks.filter((b): b is BlockOf<T> => b.type === type);
}

/** The first block of `type`; the test fails when the card has none. */
export function blockOfType<T extends Block['type']>(card: Pick<CardSpec, 'blocks'>, type: T): BlockOf<T> {
  const found = blocksOfType(card, type)[0];
  expect(found, `a ${type} block in ${card.blocks.map((b) => b.type).join(', ')}`).toBeDefined();
  return found!;
}

export function inlineText(parts: readonly Inline[]): string {
  return parts.map((p) => {
    if (typeof p === 'string') return p;
    if ('bold' in p) return p.bold;
    if ('mention' in p) return `@${p.mention.name}`;
    if ('colored' in p) return p.colored;
    return p.label;
  }).join('');
}

/** The visible text of one block (fields as "label: value" lines, a table as its cells by row). */
export function blockText(b: Block): string {
  switch (b.type) {
    case 'text': return [inlineText(b.text), b.button?.label ?? ''].filter(Boolean).join('\n');
    case 'note': return inlineText(b.text);
    case 'fields': return b.fields.map((f) => `${f.label}: ${inlineText(f.value)}`).join('\n');
    case 'actions': return b.buttons.map((x) => x.label).join('\n');
    case 'heading': return b.text;
    case 'table': return [b.columns.map((c) => c.label), ...b.rows.map((r) => b.columns.map((c) => r[c.key] ?? ''))].map((row) => row.join(' | ')).join('\n');
    case 'chart': return [b.title, ...b.series.map((s) => s.name)].join('\n');
    case 'image': return b.chart.alt;
    case 'divider': return '';
  }
}

/** Each block's visible text, in order (index i is card.blocks[i]). */
export const blockTexts = (card: Pick<CardSpec, 'blocks'>): string[] => card.blocks.map(blockText);

/** All visible text of a card: title, summary and every block. */
export const cardTexts = (card: CardSpec): string => [card.title, card.summary ?? '', ...blockTexts(card)].filter(Boolean).join('\n');

/** The first block whose visible text contains `needle`; the test fails when none does. */
export function blockWithText(card: Pick<CardSpec, 'blocks'>, needle: string): Block {
  const found = card.blocks.find((b) => blockText(b).includes(needle));
  expect(found, `a block showing "${needle}" in:\n${blockTexts(card).join('\n---\n')}`).toBeDefined();
  return found!;
}

// ---- Slack Block Kit ----

type Json = any;

/** Visit every object inside a JSON value (arrays and nested objects), depth first, in document order. */
export function walk(node: Json, visit: (n: Record<string, Json>) => void): void {
  if (Array.isArray(node)) for (const x of node) walk(x, visit);
  else if (node && typeof node === 'object') {
    visit(node);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every text object's string (plain_text and mrkdwn: sections, fields, contexts, headers, buttons, labels), in order. */
export function slackTexts(blocks: Json): string[] {
  const out: string[] = [];
  walk(blocks, (n) => {
    if ((n.type === 'plain_text' || n.type === 'mrkdwn') && typeof n.text === 'string') out.push(n.text);
  });
  return out;
}

/** The visible text of Slack blocks (a message's, a modal's or a Home view's), one text object per line. */
export const slackText = (blocks: Json): string => slackTexts(blocks).join('\n');

/** The blocks of `type` (section, actions, context, header, input, image…). */
export const slackBlocksOfType = (blocks: readonly Json[], type: string): Json[] => blocks.filter((b) => b?.type === type);

// ---- Feishu Card JSON 2.0 ----

/** Every element with `tag` (markdown, button, table, form, input, column_set…), depth first, in order. */
export function feishuElements(card: Json, tag: string): Json[] {
  const out: Json[] = [];
  walk(card, (n) => {
    if (n.tag === tag) out.push(n);
  });
  return out;
}

/** Every `content` string of a Feishu card (title, markdown, plain_text: what the client lays out as lines). */
export function feishuContents(card: Json): string[] {
  const out: string[] = [];
  walk(card, (n) => {
    if (typeof n.content === 'string') out.push(n.content);
  });
  return out;
}

/** Every visible string of a Feishu card: the `content` strings, then table column titles and cells. */
export function feishuTexts(card: Json): string[] {
  const out: string[] = [];
  walk(card, (n) => {
    if (typeof n.content === 'string') out.push(n.content);
    if (n.tag === 'table') {
      for (const c of (n.columns ?? []) as Json[]) if (typeof c.display_name === 'string') out.push(c.display_name);
      for (const r of (n.rows ?? []) as Json[]) out.push(...Object.values(r as Record<string, unknown>).map(String));
    }
  });
  return out;
}

export const feishuText = (card: Json): string => feishuTexts(card).join('\n');
