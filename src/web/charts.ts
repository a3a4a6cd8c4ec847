// Charts for the dashboard pages: the app's chart builders, drawn to inline SVG by our renderer. A chart
// that cannot be drawn (no data for the week) is left out, never replaced by a placeholder.
import type { Locale } from '../core/i18n.js';
import type { WeekId } from '../core/weekly-report/week.js';
import type { ChartSpec } from '../ui/chart.js';
import type { AppContext } from '../app/context.js';
import { createChartsService } from '../app/charts/charts.service.js';
import { renderSvg } from '../chart-render/index.js';
import type { DashboardCharts } from './server/dashboard-app.js';
import type { Figure } from './pages/figure.js';

/**
 * Team charts are aggregates over the whole book (seconds for 20,000 customers), so each drawing is
 * kept for `ttlMs` (default a minute): a page shows charts at most that old, while its lists (flags,
 * board, missing reports) are always read fresh.
 */
export function createDashboardCharts(ctx: AppContext, options: { ttlMs?: number } = {}): DashboardCharts {
  const service = createChartsService(ctx);
  const ttlMs = options.ttlMs ?? 60_000;
  const cache = new Map<string, { at: number; figure: Figure | null }>();
  const draw = (kind: string, build: () => ChartSpec, locale: Locale, key: string): Figure | null => {
    const now = ctx.clock().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < ttlMs) return hit.figure;
    let figure: Figure | null = null;
    try {
      const spec = build();
      figure = { kind, title: spec.title, alt: spec.alt, svg: renderSvg(spec, { locale }) };
    } catch (err) {
      ctx.logger.warn({ chart: kind, err: (err as Error).message }, 'dashboard chart left out');
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, { at: now, figure });
    return figure;
  };
  return {
    thisWeek: (week: WeekId, locale: Locale) => ({
      heatmap: draw('heatmap', () => service.heatmap(week, locale), locale, `heatmap:${week}:${locale}`),
      portfolio: draw('portfolio', () => service.portfolio(week, locale), locale, `portfolio:${week}:${locale}`),
      byRep: draw('by-rep', () => service.byRep(week, locale), locale, `by-rep:${week}:${locale}`),
    }),
    customer: (customerId: number, week: WeekId, locale: Locale) => ({
      trend: draw('trend', () => service.trend(customerId, week, locale), locale, `trend:${customerId}:${week}:${locale}`),
      radar: draw('radar', () => service.radar(customerId, week, locale), locale, `radar:${customerId}:${week}:${locale}`),
    }),
  };
}
