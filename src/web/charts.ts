// Charts for the dashboard pages: the app's chart builders, drawn to inline SVG by our renderer. A chart
// that cannot be drawn (no data for the week) is left out, never replaced by a placeholder.
import { createHash } from 'node:crypto';
import type { Locale } from '../core/i18n.js';
import type { WeekId } from '../core/weekly-report/week.js';
import type { ChartSpec } from '../ui/chart.js';
import type { AppContext } from '../app/context.js';
import { createChartsService, type ChartScope } from '../app/charts/charts.service.js';
import type { WeekFlags } from '../app/scoring/week-flags.js';
import { renderSvg } from '../chart-render/index.js';
import type { DashboardCharts } from './server/dashboard-app.js';
import type { Figure } from './pages/figure.js';

/** Drawn SVGs kept, by the content of their spec (an LRU: the oldest drawing goes first). */
const MAX_DRAWINGS = 200;

/**
 * Every request builds its chart specs from fresh data (cheap: the week's flags are read once and shared
 * with the page model); only the drawing, the slow part, is reused, keyed by a hash of the spec itself.
 * Same spec, same SVG: a page never shows a chart older than its data.
 */
export function createDashboardCharts(ctx: AppContext): DashboardCharts {
  const service = createChartsService(ctx);
  const drawings = new Map<string, string>();
  const svgOf = (spec: ChartSpec, locale: Locale): string => {
    const key = createHash('sha256').update(locale).update('\0').update(JSON.stringify(spec)).digest('base64');
    let svg = drawings.get(key);
    if (svg !== undefined) {
      drawings.delete(key); // most recently used goes last
    } else {
      svg = renderSvg(spec, { locale });
      if (drawings.size >= MAX_DRAWINGS) drawings.delete(drawings.keys().next().value!);
    }
    drawings.set(key, svg);
    return svg;
  };
  const draw = (kind: string, build: () => ChartSpec, locale: Locale): Figure | null => {
    try {
      const spec = build();
      return { kind, title: spec.title, alt: spec.alt, svg: svgOf(spec, locale) };
    } catch (err) {
      ctx.logger.warn({ chart: kind, err: (err as Error).message }, 'dashboard chart left out');
      return null;
    }
  };
  return {
    thisWeek: (flags: WeekFlags, locale: Locale) => ({
      heatmap: draw('heatmap', () => service.heatmap(flags.week, locale, 'region', flags), locale),
      portfolio: draw('portfolio', () => service.portfolio(flags.week, locale), locale),
      byRep: draw('by-rep', () => service.byRep(flags.week, locale, flags), locale),
    }),
    own: (flags: WeekFlags, locale: Locale, scope: ChartScope) => ({
      heatmap: draw('own-heatmap', () => service.heatmap(flags.week, locale, 'region', flags, scope), locale),
      portfolio: draw('own-portfolio', () => service.portfolio(flags.week, locale, undefined, scope), locale),
      byRep: null,
    }),
    customer: (customerId: number, week: WeekId, locale: Locale) => ({
      trend: draw('trend', () => service.trend(customerId, week, locale), locale),
      radar: draw('radar', () => service.radar(customerId, week, locale), locale),
    }),
  };
}
