// A CardSpec as terminal text: the same views the chat platforms render, for the CLI.
import type { Block, CardSpec, Inline, RichText } from '../ui/card.js';
import { renderTable } from './table.js';

const BARS = '▁▂▃▄▅▆▇█';

function inline(part: Inline): string {
  if (typeof part === 'string') return part;
  if ('bold' in part) return part.bold;
  if ('mention' in part) return `@${part.mention.name}`;
  if ('colored' in part) return part.colored;
  return `${part.label} <${part.link}>`;
}

const rich = (t: RichText): string => t.map(inline).join('');

function spark(values: readonly number[]): string {
  const max = Math.max(...values, 1);
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))] ?? '').join('');
}

function block(b: Block): string | null {
  switch (b.type) {
    case 'text':
      return rich(b.text);
    case 'fields':
      return b.fields.map((f) => `  ${f.label}: ${rich(f.value)}`).join('\n');
    case 'note':
      return `  ${rich(b.text)}`;
    case 'divider':
      return '─'.repeat(40);
    case 'heading':
      return `\n${b.text}`;
    case 'table':
      return renderTable(
        b.columns.map((c) => ({ header: c.label, align: c.align })),
        b.rows.map((r) => b.columns.map((c) => r[c.key] ?? '')),
      );
    case 'chart':
      return `${b.title}\n${b.series.map((s) => `  ${s.name}: ${spark(s.points.map((p) => p.y))}  (${s.points.map((p) => p.y).join(' → ')})`).join('\n')}`;
    case 'image':
      return b.chart.alt;
    case 'actions':
      return null;
  }
}

export function printCard(card: CardSpec): string {
  const lines = [card.title, '═'.repeat(Math.min(60, card.title.length * 2)), ...card.blocks.map(block).filter((x): x is string => x !== null)];
  return `${lines.join('\n')}\n`;
}
