// The chart renderer's error base (see src/core/errors.ts for the hierarchy).
import { RadarError } from '../core/errors.js';
import { text } from '../core/i18n.js';

/** The base of errors raised while drawing a chart PNG/SVG (src/chart-render). */
export class ChartRenderError extends RadarError {}

/** The font files are not where `npm ci` puts them: an install problem the operator fixes. */
export const FONT_MISSING = text('图表字体缺失：请在 sales-radar 的安装目录运行 npm ci', 'The chart font is missing: run `npm ci` where sales-radar is installed');
