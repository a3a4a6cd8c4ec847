// Neutral rich text → Feishu card markdown. User text is escaped so names like "A*B_C" or
// "<script>" show as typed and cannot inject mentions, links or colours.
import type { Inline, RichText, Tone, UserRef } from '../../../src/ui/card.js';
import type { HeaderTemplate } from './card-v2.types.js';
import { oneLine } from '../../../src/ui/text.js';

// Characters with a meaning in Feishu markdown (standard markdown plus its HTML-like tags),
// written as numeric HTML entities, which the 2.0 markdown component renders literally.
const ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '*': '&#42;', '_': '&#95;', '~': '&#126;', '`': '&#96;',
  '[': '&#91;', ']': '&#93;', '|': '&#124;', '\\': '&#92;',
};
// Parentheses need no escaping: with brackets escaped they can never form a link.
const SPECIAL = /[&<>*_~`[\]|\\]/g;

/** Escape user text for a markdown component; line-leading list/quote markers are neutralised. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(SPECIAL, (c) => ESCAPES[c] ?? c)
    .replace(/^(\s*)([-+])(\s)/gm, (_m, sp: string, mark: string, after: string) => `${sp}${mark === '-' ? '&#45;' : '&#43;'}${after}`)
    .replace(/^(\s*)#/gm, '$1&#35;')
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2&#46;$3');
}

/** Feishu text colours for our tones. */
const FONT_COLOR: Record<Tone, string> = { red: 'red', orange: 'orange', green: 'green', blue: 'blue', grey: 'grey' };

export const HEADER_TEMPLATE: Record<Tone, HeaderTemplate> = {
  red: 'red', orange: 'orange', green: 'green', blue: 'blue', grey: 'grey',
};

const OPEN_ID = /^ou_[A-Za-z0-9_-]{1,64}$/;

/** `<at id=ou_…></at>` when we know the person's open_id, else their escaped name. */
export function mention(user: UserRef): string {
  const id = user.ids?.feishu;
  if (id && OPEN_ID.test(id)) return `<at id=${id}></at>`;
  return `@${escapeMarkdown(oneLine(user.name))}`;
}

/** Only http(s) links are rendered as links; anything else shows as plain text. */
function link(url: string, label: string): string {
  if (!/^https?:\/\/[^\s()<>]+$/i.test(url)) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${url})`;
}

export function inlineToMarkdown(piece: Inline): string {
  if (typeof piece === 'string') return escapeMarkdown(piece);
  // Names arrive as bold pieces and mentions: never a line break inside them.
  if ('bold' in piece) return oneLine(piece.bold).length > 0 ? `**${escapeMarkdown(oneLine(piece.bold))}**` : '';
  if ('mention' in piece) return mention(piece.mention);
  if ('colored' in piece) return `<font color='${FONT_COLOR[piece.tone]}'>${escapeMarkdown(piece.colored)}</font>`;
  return link(piece.link, piece.label);
}

export function richTextToMarkdown(text: RichText): string {
  return text.map(inlineToMarkdown).join('');
}

/** Plain text of rich text (for titles, summaries and fallbacks). */
export function richTextToPlain(text: RichText): string {
  return text
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('bold' in p) return p.bold;
      if ('mention' in p) return `@${p.mention.name}`;
      if ('colored' in p) return p.colored;
      return p.label;
    })
    .join('');
}

/** Cut to at most `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Red validation message shown under a form field. */
export function errorText(message: string): string {
  return `<font color='red'>${escapeMarkdown(message)}</font>`;
}
