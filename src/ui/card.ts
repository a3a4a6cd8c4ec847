// A tiny platform-neutral description of a message card. Views build it; each adapter renders it
// (Slack Block Kit, Feishu Card JSON 2.0) in one pure converter, clamped to that platform's limits.
import type { ActionRef } from './action.js';
import type { ChartSpec } from './chart.js';

/** A person to mention: their user id by platform name; each renderer takes its own and falls back to the name. */
export interface UserRef {
  name: string;
  ids?: Readonly<Record<string, string>>;
}

export type Tone = 'red' | 'orange' | 'green' | 'blue' | 'grey';

/** Inline pieces of rich text. Plain strings are shown as typed (renderers escape them). */
export type Inline =
  | string
  | { bold: string }
  | { mention: UserRef }
  | { colored: string; tone: Tone }
  | { link: string; label: string };

export type RichText = readonly Inline[];

export interface Button {
  label: string;
  action: ActionRef;
  style?: 'primary' | 'danger';
}

/**
 * Blocks that belong together: consecutive blocks with the same `unit` (e.g. one customer's text and
 * the buttons acting on it) are never split across messages/cards by a renderer, so a button always
 * shows beside the text it acts on.
 */
export interface BlockUnit {
  unit?: string;
}

export type Block = BlockBody & BlockUnit;

export type BlockBody =
  /** A paragraph, optionally with one button beside it. */
  | { type: 'text'; text: RichText; button?: Button }
  /** Label/value pairs shown two per row. */
  | { type: 'fields'; fields: ReadonlyArray<{ label: string; value: RichText }> }
  | { type: 'actions'; buttons: readonly Button[] }
  /** Small grey footnote. */
  | { type: 'note'; text: RichText }
  | { type: 'divider' }
  /** A sub-heading inside the card. */
  | { type: 'heading'; text: string }
  | { type: 'table'; columns: ReadonlyArray<{ key: string; label: string; align?: 'left' | 'right' }>; rows: ReadonlyArray<Record<string, string>> }
  /** A small trend chart; platforms without charts render it as text. */
  | { type: 'chart'; title: string; kind: 'line' | 'bar'; series: ReadonlyArray<{ name: string; points: ReadonlyArray<{ x: string; y: number }> }> }
  /**
   * A full chart shown as a picture. A platform's ChatPort uploads its PNG and fills `uploaded` with
   * the platform's file reference before rendering; without one the renderers show `chart.alt`.
   */
  | { type: 'image'; chart: ChartSpec; uploaded?: ChartUpload };

/** Where a chart's PNG lives on each platform once uploaded (Slack file id, Feishu image_key). */
export interface ChartUpload {
  slackFileId?: string;
  feishuImageKey?: string;
}

export interface CardSpec {
  title: string;
  /** Header colour: red for A-grade alerts, orange for B, blue for neutral. */
  tone: Tone;
  blocks: readonly Block[];
  /** Plain-text summary for notifications and platforms' fallback text. */
  summary: string;
}

export const plain = (s: string): RichText => [s];
