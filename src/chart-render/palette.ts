// Colours and type sizes shared by every chart: A red, B orange, healthy green, neutral blue/grey.
import { TONE_COLOR } from '../ui/chart.js';
import type { Tone } from '../ui/card.js';

export const color = (tone: Tone): string => TONE_COLOR[tone];

/** A tone at low opacity, for shaded bands. */
export function tint(tone: Tone, alpha: number): string {
  const hex = TONE_COLOR[tone].slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export const INK = '#202124';
export const MUTED = '#5f6368';
export const GRID = '#e0e0e0';
/** Revenue bars: a quiet blue so the red/orange index stays the focus. */
export const BAR = '#8ab4f8';
/** Heat map: empty → pale yellow → orange → red as the worst index rises. */
/** A heat-map cell with nothing in it. */
export const EMPTY_CELL = '#f1f3f4';
export const HEAT_RAMP = ['#fff5e6', '#fdd49e', '#fc8d59', '#d7301f'];

export const TITLE_SIZE = 18;
export const TEXT_SIZE = 13;
