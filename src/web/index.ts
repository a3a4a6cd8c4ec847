// Wiring of the dashboard: sign-in links and sessions, the Hono app, and its mount on a node server.
import type { AppContext } from '../app/context.js';
import { createWebAuth, DASHBOARD_PATH, type WebAuth } from './auth/web-auth.js';
import { createDashboardApp, type DashboardCharts } from './server/dashboard-app.js';
import { dashboardListener, type NodeListener } from './server/node-listener.js';

export interface Dashboard {
  auth: WebAuth;
  /** Mount under `prefix` on the shared HTTP server. */
  mount: { prefix: string; handle: NodeListener };
  fetch(request: Request): Response | Promise<Response>;
}

export interface DashboardConfig {
  ctx: AppContext;
  /** RADAR_WEB_SECRET, or null to use the one stored in the database. */
  secret: string | null;
  publicUrl: string;
  charts?: DashboardCharts | null;
  signInLimit?: { max: number; windowMs: number };
}

export function createDashboard(config: DashboardConfig): Dashboard {
  const auth = createWebAuth({ repos: config.ctx.repos, secret: config.secret, publicUrl: config.publicUrl, clock: config.ctx.clock });
  const app = createDashboardApp({ ctx: config.ctx, auth, charts: config.charts ?? null, ...(config.signInLimit ? { signInLimit: config.signInLimit } : {}) });
  return { auth, mount: { prefix: DASHBOARD_PATH, handle: dashboardListener(app) }, fetch: (r) => app.fetch(r) };
}

export { DASHBOARD_PATH, parseTtl } from './auth/web-auth.js';
export type { WebAuth } from './auth/web-auth.js';
