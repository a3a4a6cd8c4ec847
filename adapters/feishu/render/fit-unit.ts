// Keeps every unit small enough to sit in a card on its own: Feishu rejects a card over 30 KB, and a
// unit is never split across cards, so one huge chart, table or text would be sent oversize. Pure.
import type { Block } from '../../../src/ui/card.js';
import type { Card2Element } from './card-v2.types.js';
import { jsonBytes } from './check-card.js';
import { markdown, splitMarkdown } from './blocks.js';

type ChartBlock = Extract<Block, { type: 'chart' }>;

export const SAMPLED_NOTE = '（数据点过多，已抽样显示 / Too many points: a sample is shown）';
export const TOO_LARGE_NOTE = '（此项内容过大，无法在卡片中显示 / This item is too large to show in a card）';

export const bytesOf = (els: readonly Card2Element[]): number => els.reduce((n, el) => n + jsonBytes(el) + 1, 0);

/** The chart with at most `maxPoints` evenly spaced points per series (first and last kept). */
export function thinChart(block: ChartBlock, maxPoints: number): ChartBlock {
  const keep = Math.max(2, maxPoints);
  return {
    ...block,
    series: block.series.map((s) => {
      if (s.points.length <= keep) return s;
      const step = (s.points.length - 1) / (keep - 1);
      return { ...s, points: Array.from({ length: keep }, (_, i) => s.points[Math.round(i * step)]!) };
    }),
  };
}

/**
 * An element within `budget` bytes: as it is, markdown split into smaller pieces (nothing dropped), or
 * — for anything else that cannot be split — a short notice in its place.
 */
export function fitElement(el: Card2Element, budget: number): Card2Element[] {
  const size = jsonBytes(el);
  if (size <= budget) return [el];
  if (el.tag === 'markdown') {
    const { content, ...rest } = el;
    const max = Math.max(200, Math.floor((content.length * budget) / size * 0.8));
    const { tag: _tag, ...extra } = rest;
    return splitMarkdown(content, max).flatMap((c) => fitElement(markdown(c, extra), budget));
  }
  return [markdown(TOO_LARGE_NOTE, { text_size: 'notation' })];
}
