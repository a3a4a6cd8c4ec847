// The charts on App Home: a manager (or director, owner) sees the team's latest heat map and red flags
// by rep; a rep sees the portfolio of their own customers only, never a team-wide picture. Each chart
// is built from the week's data on every open; the platform uploads a chart once per content (the same
// chart is the same file), so opening the tab again does not upload it again.
import type { WeekId } from '../../core/weekly-report/week.js';
import type { ChartSpec } from '../../ui/chart.js';
import { ChartError, createChartsService, TREND_WEEKS } from '../charts/charts.service.js';
import type { Interaction } from '../interaction/interaction-context.js';
import { isManagerial } from '../interaction/interaction-context.js';
import { loadWeekFlags } from '../scoring/week-flags.js';

/** The charts for the viewer's home for `week` (the latest scored week); none when it has no reports. */
export function homeCharts(i: Interaction, week: WeekId | null): ChartSpec[] {
  if (!week) return [];
  const ctx = i;
  const charts = createChartsService(ctx, i.team.id);
  try {
    if (isManagerial(i.member)) {
      const flags = loadWeekFlags(ctx, i.team.id, week);
      if (flags.flagged.length === 0) return [];
      return [charts.heatmap(week, i.locale, 'region', flags), charts.byRep(week, i.locale, flags)];
    }
    const own = ctx.repos.customers.customersOfRep(i.member.id).filter((c) => c.teamId === i.team.id);
    if (own.length === 0) return [];
    return [charts.portfolio(week, i.locale, TREND_WEEKS, { customerIds: new Set(own.map((c) => c.id)), owner: i.member.name })];
  } catch (err) {
    if (err instanceof ChartError) return [];
    throw err;
  }
}
