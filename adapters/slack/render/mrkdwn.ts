// Neutral rich text → Slack mrkdwn. User text is escaped (&, <, >) so nobody can inject a
// <!channel> or a fake link; only the pieces we build ourselves carry control sequences.
import type { Inline, RichText, Tone } from '../../../src/ui/card.js';
import { oneLine } from '../../../src/ui/text.js';

/** @see https://docs.slack.dev/messaging/formatting-message-text#escaping */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Slack mrkdwn has no escape character for its markers: they are swapped for lookalikes.
const MARKERS: Record<string, string> = { '*': '∗', '_': 'ˍ', '~': '∼', '`': 'ˋ' };

/** User text with no formatting power: no `* _ ~` or backtick markers, and `& < >` escaped. */
export function escapeUserText(text: string): string {
  return escapeMrkdwn(text.replace(/[*_~`]/g, (c) => MARKERS[c] ?? c));
}

/** A name (customer, rep, alias) for inline use: one line, no formatting markers, escaped. */
export function escapeName(text: string): string {
  return escapeUserText(oneLine(text));
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** Bold markers only work when they hug the text and the text has no `*` of its own. */
function bold(text: string): string {
  const t = oneLine(text);
  return t ? `*${escapeUserText(t)}*` : '';
}

function italic(text: string): string {
  const t = oneLine(text);
  return t ? `_${escapeUserText(t)}_` : '';
}

/** Slack has no coloured text: strong tones become bold, grey becomes italic. */
function colored(text: string, tone: Tone): string {
  switch (tone) {
    case 'red':
    case 'orange':
    case 'green':
      return bold(text);
    case 'grey':
      return italic(text);
    default:
      return escapeUserText(oneLine(text));
  }
}

export function inlineToMrkdwn(piece: Inline): string {
  if (typeof piece === 'string') return escapeUserText(piece);
  if ('bold' in piece) return bold(piece.bold);
  if ('mention' in piece) {
    const id = piece.mention.ids?.slack;
    return id && SLACK_USER_ID.test(id) ? `<@${id}>` : escapeName(piece.mention.name);
  }
  if ('colored' in piece) return colored(piece.colored, piece.tone);
  // Links: only web/mail targets; `|` and `>` would end the link early.
  if (!SAFE_URL.test(piece.link)) return escapeUserText(piece.label || piece.link);
  const url = piece.link.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  const label = escapeName(piece.label.replace(/\|/g, '¦')) || url;
  return `<${url}|${label}>`;
}

export function richToMrkdwn(text: RichText): string {
  return text.map(inlineToMrkdwn).join('');
}

/** Plain text of rich text, for plain_text objects and notification fallbacks. */
export function richToPlain(text: RichText): string {
  return text
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('bold' in p) return p.bold;
      if ('mention' in p) return p.mention.name;
      if ('colored' in p) return p.colored;
      return p.label || p.link;
    })
    .join('');
}

/** Cut to `max` characters (by code point, so emoji and CJK stay whole), marking the cut with `…`. */
export function clamp(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max && text.length <= max) return text;
  // Slack counts UTF-16 units in places; stay under both measures.
  let out = '';
  for (const ch of chars) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * Split mrkdwn into chunks of at most `max` characters, preferring line breaks, never cutting inside
 * an escape entity or a `<…>` control sequence we built. Nothing is dropped.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = safeCut(rest, max);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

function safeCut(text: string, max: number): number {
  let cut = max;
  const amp = text.lastIndexOf('&', cut);
  if (amp >= 0 && amp > cut - 6 && text.indexOf(';', amp) >= cut) cut = amp;
  const lt = text.lastIndexOf('<', cut);
  if (lt >= 0 && text.indexOf('>', lt) >= cut && lt > 0) cut = lt;
  // Do not split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

const SPARK = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** `▁▃▅█` for a series of numbers. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  return values
    .map((v) => SPARK[span === 0 ? 3 : Math.round(((v - min) / span) * (SPARK.length - 1))] ?? SPARK[0])
    .join('');
}

/** Display width: CJK and emoji take two columns in Slack's monospace. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x1f300) ? 2 : 1;
  }
  return w;
}
