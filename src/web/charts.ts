// Charts for the dashboard pages. Filled in from the charts service once it is part of the app.
import type { AppContext } from '../app/context.js';
import type { DashboardCharts } from './server/dashboard-app.js';

export function createDashboardCharts(_ctx: AppContext): DashboardCharts | null {
  return null;
}
