// Tables at the extremes: every unit stays inside Slack's limits (section text ≤ 3000, 50 blocks per
// message), the header is repeated in every chunk, and no row is lost.
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../adapters/slack/render/message.render.js';
import { SECTION_TEXT_MAX } from '../../../adapters/slack/limits.js';
import type { CardSpec } from '../../../src/ui/card.js';
import { limitViolations } from './slack-limits.js';

function tableCard(cols: number, rows: number, labelLength: number, cellLength = 8): CardSpec {
  const columns = Array.from({ length: cols }, (_, i) => ({ key: `c${i}`, label: `${'表头'.repeat(labelLength / 2)}${i}`.slice(0, labelLength) }));
  const data = Array.from({ length: rows }, (_, r) => Object.fromEntries(columns.map((c, i) => [c.key, `r${r}c${i}`.padEnd(cellLength, 'x')])));
  return { title: 'Per rep', tone: 'blue', summary: 'table', blocks: [{ type: 'table', columns, rows: data }] };
}

function sectionsOf(card: CardSpec): string[] {
  return renderMessage(card).flatMap((m) => m.blocks).filter((b) => b.type === 'section').map((b) => (b as { text: { text: string } }).text.text);
}

describe('Slack text tables at the limits', () => {
  it.each([
    ['40 columns', 40, 30, 10],
    ['500-char labels', 6, 30, 500],
    ['40 columns of 500-char labels', 40, 5, 500],
    ['2000 rows', 3, 2000, 12],
  ])('%s: every section ≤ 3000, every message within limits, every row kept', (_name, cols, rows, label) => {
    const card = tableCard(cols, rows, label);
    for (const m of renderMessage(card)) expect(limitViolations(m.blocks as never, 'message')).toEqual([]);
    const sections = sectionsOf(card);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    // Each chunk opens with the same header line, then its rows.
    const headers = new Set(sections.map((s) => s.split('\n')[1]));
    expect(headers.size).toBe(1);
    const rowLines = sections.flatMap((s) => s.split('\n').slice(2, -1));
    expect(rowLines).toHaveLength(rows);
    expect(rowLines[rows - 1]).toContain(`r${rows - 1}c0`);
  });
});
