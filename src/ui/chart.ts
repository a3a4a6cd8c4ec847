// A platform-neutral chart: self-describing data, already localised, with a text alternative that
// states the numbers. Builders in src/app/charts make it; src/chart-render draws it (SVG/PNG), the
// Feishu renderer maps it to a VChart spec, and every surface can fall back to `alt`.
import type { Tone } from './card.js';
import { altText, type LocalizedText } from './ui.messages.js';

export type ChartLocale = 'zh' | 'en';

interface ChartBase {
  title: string;
  /** A short second line (the week, the segment, the scale). */
  subtitle?: string;
  locale: ChartLocale;
  /** Text alternative that states the chart's numbers (see chartAltText). */
  alt: string;
}

/** A shaded horizontal band on the value axis, e.g. grade B 50–75. */
export interface ChartBand {
  from: number;
  to: number;
  label: string;
  tone: Tone;
}

/** One customer's index week by week (a line) with bands, and a second measure as bars. */
export interface TrendChart extends ChartBase {
  kind: 'trend';
  /** Category labels (weeks), ascending. */
  x: readonly string[];
  xLabel: string;
  line: { name: string; values: ReadonlyArray<number | null>; max: number };
  bands: readonly ChartBand[];
  bars?: { name: string; values: ReadonlyArray<number | null>; unit: string };
}

/** Scores on several axes, one polygon per series (the customer vs a reference). */
export interface RadarChart extends ChartBase {
  kind: 'radar';
  axes: ReadonlyArray<{ label: string; max: number }>;
  series: ReadonlyArray<{ name: string; values: readonly number[]; tone: Tone }>;
}

/** A grid: each cell has a count (shown) and a shade value (colour), null shade = empty cell. */
export interface HeatmapChart extends ChartBase {
  kind: 'heatmap';
  rows: readonly string[];
  columns: readonly string[];
  rowLabel: string;
  columnLabel: string;
  cells: ReadonlyArray<{ row: number; column: number; count: number; shade: number | null }>;
  countLabel: string;
  shadeLabel: string;
  shadeMax: number;
}

/**
 * Stacked series over categories. `stackedBar`: counts per category (e.g. red flags per rep by
 * grade); `portfolio`: shares in percent per category (e.g. grades week by week), drawn as areas.
 */
export interface StackedChart extends ChartBase {
  kind: 'stackedBar' | 'portfolio';
  categories: readonly string[];
  categoryLabel: string;
  valueLabel: string;
  series: ReadonlyArray<{ name: string; values: readonly number[]; tone: Tone }>;
  /** For `portfolio`: the counts behind the shares, same shape as series values. */
  counts?: ReadonlyArray<readonly number[]>;
}

export type ChartSpec = TrendChart | RadarChart | HeatmapChart | StackedChart;
export type ChartKind = ChartSpec['kind'];

/** The hex colour of each tone, shared by every chart surface (A red, B orange). */
export const TONE_COLOR: Record<Tone, string> = {
  red: '#d93025',
  orange: '#f29900',
  green: '#1e8e3e',
  blue: '#1a73e8',
  grey: '#9aa0a6',
};

type Draft<T extends ChartSpec> = Omit<T, 'alt'> & { alt?: string };
/** A chart before its text alternative is written (distributes over the kinds). */
export type ChartDraft = ChartSpec extends infer T ? (T extends ChartSpec ? Draft<T> : never) : never;

const say = (locale: ChartLocale, t: LocalizedText) => t[locale];
const num = (n: number | null): string => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));
const sep = (locale: ChartLocale) => (locale === 'zh' ? '；' : '; ');
const colon = (locale: ChartLocale) => (locale === 'zh' ? '：' : ': ');

function trendAlt(c: Draft<TrendChart>): string {
  const { locale } = c;
  const pts = c.x.map((x, i) => `${x} ${num(c.line.values[i] ?? null)}`).join(', ');
  const parts = [`${c.line.name}${colon(locale)}${pts}`];
  if (c.bands.length > 0) parts.push(c.bands.map((b) => `${b.label} ${b.from}–${b.to}`).join(', '));
  if (c.bars) {
    const bars = c.x.map((x, i) => `${x} ${num(c.bars!.values[i] ?? null)}`).join(', ');
    parts.push(`${c.bars.name}${c.bars.unit ? ` (${c.bars.unit})` : ''}${colon(locale)}${bars}`);
  }
  return parts.join(sep(locale));
}

function radarAlt(c: Draft<RadarChart>): string {
  return c.series.map((s) => `${s.name}${colon(c.locale)}${c.axes.map((a, i) => `${a.label} ${num(s.values[i] ?? 0)}`).join(', ')}`)
    .join(sep(c.locale));
}

function heatmapAlt(c: Draft<HeatmapChart>): string {
  const { locale } = c;
  const filled = c.cells.filter((cell) => cell.count > 0)
    .sort((a, b) => b.count - a.count || (b.shade ?? 0) - (a.shade ?? 0));
  if (filled.length === 0) return say(locale, altText.noFlaggedCustomers);
  return filled.map((cell) => `${c.rows[cell.row]} × ${c.columns[cell.column]}${colon(locale)}${cell.count} ${c.countLabel}` +
    (cell.shade === null ? '' : say(locale, altText.shade(c.shadeLabel, num(cell.shade)))))
    .join(sep(locale));
}

function stackedAlt(c: Draft<StackedChart>): string {
  const { locale } = c;
  if (c.categories.length === 0) return say(locale, altText.noData);
  const unit = c.kind === 'portfolio' ? '%' : '';
  return c.categories.map((cat, i) => {
    const parts = c.series.map((s, si) => {
      const count = c.counts?.[si]?.[i];
      return `${s.name} ${num(s.values[i] ?? 0)}${unit}${count === undefined ? '' : ` (${count})`}`;
    });
    return `${cat}${colon(locale)}${parts.join(', ')}`;
  }).join(sep(locale));
}

/** The text alternative of a chart: its title, then every number it shows, in the chart's language. */
export function chartAltText(spec: ChartDraft): string {
  const body = spec.kind === 'trend' ? trendAlt(spec)
    : spec.kind === 'radar' ? radarAlt(spec)
      : spec.kind === 'heatmap' ? heatmapAlt(spec)
        : stackedAlt(spec);
  const head = spec.subtitle ? `${spec.title} (${spec.subtitle})` : spec.title;
  return `${head}${colon(spec.locale)}${body}`;
}

/** Completes a chart with its text alternative. */
export function withAlt<T extends ChartSpec>(draft: Omit<T, 'alt'>): T {
  return { ...draft, alt: chartAltText(draft as unknown as ChartDraft) } as T;
}
