// A small book behind a running dashboard: the app harness (two reps, managers, finance…), a customer
// whose name is markup, follow-ups opened by the digest step, and the real HTTP server on a free port.
import { importRecords } from '../../../src/app/import/import-records.service.js';
import { runDigestStep } from '../../../src/app/digest/digest.job.js';
import { startHttpServer, type RunningServer } from '../../../src/runtime/server/http-server.js';
import { createDashboard, type Dashboard } from '../../../src/web/index.js';
import { createDashboardCharts } from '../../../src/web/charts.js';
import type { Member } from '../../../src/core/team.js';
import { createHarness, WEEKS, NOW, type Harness } from '../../app/support/app-harness.js';

export const SCRIPT_NAME = '<script>alert(1)</script>';
export const WEEK = WEEKS.at(-1)!;

export interface WebFixture {
  h: Harness;
  dashboard: Dashboard;
  server: RunningServer;
  base: string;
  /** A fresh sign-in link for a member (its path on this server). */
  link(m: Member): string;
  close(): Promise<void>;
}

export async function startWebFixture(options: { publicUrl?: string; signInLimit?: { max: number; windowMs: number }; charts?: boolean } = {}): Promise<WebFixture> {
  const h = createHarness();
  const lines = WEEKS.map((w, i) => JSON.stringify({
    week: w, rep: 'rep2@example.com', repName: 'rep2', customer: SCRIPT_NAME, region: 'West"><b>', industry: 'retail', tier: 'normal',
    contacts: 1, lastContact: '2026-10-01', revenue: 0, receivable: 90000, overdueDays: 70 + i * 7, complaints: 0, complaintType: null,
    requirementChanges: 0, faults: 0, usage: 'normal', stage: 'live', expectedClose: null, health: 'red', notes: '<img src=x onerror=alert(2)>',
  }));
  importRecords(h.app.ctx.repos, { name: 'extra.jsonl', text: lines.join('\n') }, { teamId: h.teamId, now: NOW.toISOString() });
  await runDigestStep(h.app, h.teamId, WEEK);
  const dashboard = createDashboard({
    ctx: h.app.ctx, secret: 'test-secret-test-secret-test-secret!', publicUrl: options.publicUrl ?? 'http://localhost:1',
    charts: options.charts === false ? null : createDashboardCharts(h.app.ctx),
    ...(options.signInLimit ? { signInLimit: options.signInLimit } : {}),
  });
  const routes = [{ path: '/slack/events', handle: (_req: unknown, res: import('node:http').ServerResponse) => { res.writeHead(200).end('slack'); } }];
  const server = await startHttpServer(routes, 0, h.app.ctx.logger, dashboard.mount);
  const base = `http://127.0.0.1:${server.port}`;
  return {
    h, dashboard, server, base,
    link: (m) => `${base}${new URL(dashboard.auth.issue(m).url).pathname}`,
    close: () => server.close(),
  };
}

/** Sign in with a link; returns the session cookie (`name=value`). */
export async function signIn(f: WebFixture, m: Member): Promise<string> {
  const res = await fetch(f.link(m), { redirect: 'manual' });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(';')[0]!;
}

export const get = (f: WebFixture, path: string, cookie?: string) =>
  fetch(`${f.base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
