// CardSpec → one or more Slack messages. The first message carries the header; whatever does not
// fit in 50 blocks continues in further messages (posted in the first one's thread), so a digest
// with 80 red flags shows every one of them. Groups (a heading up to its divider) are kept together
// where they fit, and a card `unit` (a red flag's text and its buttons) is never split.
import type { HeaderBlock, HomeView, KnownBlock } from '@slack/types';
import type { Block, CardSpec, Tone } from '../../../src/ui/card.js';
import { HEADER_TEXT_MAX, HOME_MAX_BLOCKS, MESSAGE_MAX_BLOCKS, MESSAGE_TEXT_MAX } from '../limits.js';
import { ActionIds, renderBlock } from './blocks.render.js';
import { clamp, escapeMrkdwn, escapeName } from './mrkdwn.js';
import { oneLine } from '../../../src/ui/text.js';

export interface SlackMessage {
  /** Notification / fallback text (mrkdwn, escaped). */
  text: string;
  blocks: KnownBlock[];
}

const TONE_EMOJI: Partial<Record<Tone, string>> = { red: '🔴', orange: '🟠' };
const STARTS_WITH_EMOJI = /^\p{Extended_Pictographic}/u;

export function renderHeader(card: CardSpec): HeaderBlock {
  const emoji = TONE_EMOJI[card.tone];
  const title = oneLine(card.title) || oneLine(card.summary) || '—';
  const text = emoji && !STARTS_WITH_EMOJI.test(title) ? `${emoji} ${title}` : title;
  return { type: 'header', text: { type: 'plain_text', text: clamp(text, HEADER_TEXT_MAX), emoji: true } };
}

/** Slack blocks that must share a message: the blocks of one card `unit`, or a single block. */
export type Atom = KnownBlock[];

/**
 * Card blocks → groups (a heading up to its divider) of atoms. A group is kept in one message where it
 * fits; otherwise it is split between atoms, never inside one: a customer's text and its buttons (one
 * `unit`) always land in the same message.
 */
export function renderGroups(blocks: readonly Block[]): Atom[][] {
  const ids = new ActionIds();
  const groups: Atom[][] = [];
  let current: Atom[] = [];
  let unit: string | undefined;
  const close = (): void => {
    if (current.length > 0) groups.push(current);
    current = [];
    unit = undefined;
  };
  for (const block of blocks) {
    if (block.type === 'heading') close();
    const rendered = renderBlock(block, ids);
    if (block.unit !== undefined && block.unit === unit && current.length > 0) current[current.length - 1]!.push(...rendered);
    else if (block.unit !== undefined) current.push([...rendered]);
    else current.push(...rendered.map((b) => [b]));
    unit = block.unit;
    if (block.type === 'divider') close();
  }
  close();
  return groups.map((g) => g.filter((a) => a.length > 0)).filter((g) => g.length > 0);
}

/**
 * Pack groups into pages of at most `max` blocks. A group that does not fit starts a new page; one
 * larger than a page is split between its atoms; only an atom larger than a whole page is cut.
 */
export function packGroups(groups: Atom[][], firstMax: number, restMax: number): KnownBlock[][] {
  const pages: KnownBlock[][] = [[]];
  const last = (): KnownBlock[] => pages[pages.length - 1]!;
  const room = (): number => (pages.length === 1 ? firstMax : restMax) - last().length;
  for (const group of groups) {
    const size = group.reduce((n, a) => n + a.length, 0);
    if (size > room() && last().length > 0 && size <= restMax) pages.push([]);
    for (const atom of group) {
      if (atom.length > room() && last().length > 0) pages.push([]);
      let rest = atom;
      while (rest.length > 0) {
        if (room() <= 0) pages.push([]);
        const take = rest.slice(0, room());
        last().push(...take);
        rest = rest.slice(take.length);
      }
    }
  }
  // A trailing divider at a page break is noise.
  return pages.map((p) => (p.length > 1 && p[p.length - 1]?.type === 'divider' ? p.slice(0, -1) : p));
}

/**
 * Render a card as Slack messages: `[first, ...continuations]`. Every message has at most 50
 * blocks; continuations start with a "continued (2/3)" note.
 */
export function renderMessage(card: CardSpec): SlackMessage[] {
  const header = renderHeader(card);
  const pages = packGroups(renderGroups(card.blocks), MESSAGE_MAX_BLOCKS - 1, MESSAGE_MAX_BLOCKS - 1);
  const total = pages.length;
  const title = escapeName(clamp(card.title, 200));
  return pages.map((blocks, i) => {
    if (i === 0) {
      return { text: clamp(escapeMrkdwn(oneLine(card.summary) || oneLine(card.title)), MESSAGE_TEXT_MAX), blocks: [header, ...blocks] };
    }
    const marker = `${title} — (${i + 1}/${total})`;
    return {
      text: marker,
      blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: `${marker} · 续 / continued` }] }, ...blocks],
    };
  });
}

/**
 * Render a card for the App Home tab (`views.publish`). Home has one surface: beyond 100 blocks the
 * rest is summarised in a closing note rather than cut silently.
 */
export function renderHome(card: CardSpec): HomeView {
  const blocks: KnownBlock[] = [renderHeader(card), ...renderGroups(card.blocks).flat(2)];
  if (blocks.length > HOME_MAX_BLOCKS) {
    const hidden = blocks.length - (HOME_MAX_BLOCKS - 1);
    const kept = blocks.slice(0, HOME_MAX_BLOCKS - 1);
    kept.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `… 还有 ${hidden} 项未显示，请查看消息 / ${hidden} more items not shown here; see the messages.` }],
    });
    return { type: 'home', blocks: kept };
  }
  return { type: 'home', blocks };
}

/** Fallback text of a continuation a shrunken card no longer needs (also how an update recognises one). */
export const SUPERSEDED_TEXT = '已更新 / superseded';

/** What a retired continuation shows: one line, no buttons left to press. */
export function renderSuperseded(): SlackMessage {
  return { text: SUPERSEDED_TEXT, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: SUPERSEDED_TEXT }] }] };
}
