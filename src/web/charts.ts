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

export function createDashboardCharts(ctx: AppContext): DashboardCharts {
  const service = createChartsService(ctx);
  const draw = (kind: string, build: () => ChartSpec, locale: Locale): Figure | null => {
    try {
      const spec = build();
      return { kind, title: spec.title, alt: spec.alt, svg: renderSvg(spec, { locale }) };
    } catch (err) {
      ctx.logger.warn({ chart: kind, err: (err as Error).message }, 'dashboard chart left out');
      return null;
    }
  };
  return {
    thisWeek: (week: WeekId, locale: Locale) => ({
      heatmap: draw('heatmap', () => service.heatmap(week, locale), locale),
      portfolio: draw('portfolio', () => service.portfolio(week, locale), locale),
      byRep: draw('by-rep', () => service.byRep(week, locale), locale),
    }),
    customer: (customerId: number, week: WeekId, locale: Locale) => ({
      trend: draw('trend', () => service.trend(customerId, week, locale), locale),
      radar: draw('radar', () => service.radar(customerId, week, locale), locale),
    }),
  };
}
