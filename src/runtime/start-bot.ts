// Composition of the running bot: storage, the app router, every configured adapter behind one HTTP
// server, the outbox worker and the scheduler. main.ts and the end-to-end tests both start it here.
import type { Logger } from 'pino';
import type { AppConfig } from '../config/env.js';
import type { RadarSettings, SettingsResolver } from '../app/context.js';
import type { InboundEvent, Router } from '../app/inbound.js';
import type { PlatformAdapter } from '../app/ports/platform-adapter.port.js';
import type { ChatPort, Platform } from '../app/ports/chat.port.js';
import type { PlatformBinding, RadarApp } from '../app/radar-app.js';
import type { Repositories } from '../app/ports/repositories.port.js';
import { createRouter } from '../app/router.js';
import { configuredTeam } from '../app/team/team.service.js';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './delivery/outbox-worker.js';
import { limitsOf, RateLimiter } from './delivery/rate-limiter.js';
import { appScopeKinds } from './delivery/deliver-one.js';
import { startFleetPacing, type FleetPacing } from './delivery/fleet-pacing.js';
import { openFleetBoard } from '../storage/pg/fleet-board.js';
import { teamSchedule } from '../app/schedule/schedule.service.js';
import { startScheduler } from './scheduler/scheduler.js';
import { startLeaderScheduler, type LeaderScheduler } from './scheduler/leader-scheduler.js';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { openStorage, type Storage } from '../storage/open-storage.js';
import { startHttpServer, type RunningServer } from './server/http-server.js';
import { createDashboard } from '../web/index.js';
import { createDashboardCharts } from '../web/charts.js';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { chatChartPng } from '../chart-render/chat-png.js';
import { createFeishuAdapter } from '../../adapters/feishu/index.js';
import { runCycleStep } from './run-step.js';
import { syncUsers } from '../app/team/sync-users.job.js';
import { reportPermanentFailure } from '../app/team/delivery-failure.service.js';
import { forTeam } from '../app/settings/team-settings.js';
import { answer, type Answer } from '../app/answer.js';

export interface BotOptions {
  config: AppConfig;
  settings: RadarSettings;
  /** Lays the settings stored in the database over the config file (managers' changes win). */
  settingsResolver?: SettingsResolver;
  logger: Logger;
  clock?: () => Date;
  /** Tests: run without the cron scheduler (steps are driven by hand). */
  scheduler?: boolean;
  worker?: Partial<OutboxWorkerOptions>;
  /** Replicas on PostgreSQL: how often a follower tries for the scheduler lock. Default 3000 ms. */
  leaderRetryMs?: number;
  /** Replicas on PostgreSQL: how often each says it is alive (and re-reads the shared budgets). Default 1000 ms. */
  fleetIntervalMs?: number;
}

export interface RunningBot {
  app: RadarApp;
  storage: Storage;
  adapters: PlatformAdapter[];
  worker: OutboxWorker;
  /** The scheduler, run by this process while it leads (always on SQLite); null when disabled. */
  scheduler: LeaderScheduler | null;
  server: RunningServer | null;
  stop(): Promise<void>;
}

const CYCLE_STARTED_KEY = 'cycleStartedAt';

/** When the weekly cycle first ran for the team (recorded on first use). */
function cycleStartedAt(repos: Repositories, teamId: number, now: Date): Date {
  const stored = repos.teams.getSetting<string>(teamId, CYCLE_STARTED_KEY);
  if (stored) return new Date(stored);
  repos.teams.setSetting(teamId, CYCLE_STARTED_KEY, now.toISOString());
  return now;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, settings, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const storage = openStorage(config.database);
  const { repos } = storage;
  const team = configuredTeam(repos, config.team);

  // Adapters need the router and the router needs the adapters' ports: bind late.
  let route: Router = async () => (answer.nothing());
  const deps = { router: (e: InboundEvent) => route(e), inbound: repos.inbound, logger, now: clock, renderChartPng: chatChartPng };
  const adapters: PlatformAdapter[] = [];
  const bindings: PlatformBinding[] = [];
  if (config.slack) {
    const slack = createSlackAdapter(config.slack, deps);
    adapters.push(slack);
    bindings.push({ platform: 'slack', chat: slack.chat, managerChannel: config.slack.managerChannel });
  }
  if (config.feishu) {
    const feishu = createFeishuAdapter(config.feishu, deps);
    adapters.push(feishu);
    bindings.push({ platform: 'feishu', chat: feishu.chat, managerChannel: config.feishu.managerChatId });
  }

  const ports: Partial<Record<Platform, ChatPort>> = Object.fromEntries(bindings.map((b) => [b.platform, b.chat]));
  let app: RadarApp;
  // Replicas on one PostgreSQL drain one outbox: each holds its messages under its own name.
  const owner = storage.dialect === 'postgres' ? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}` : 'local';
  const limiter = new RateLimiter({ ...limitsOf(ports), ...config.rateLimits, ...options.worker?.limits }, () => clock().getTime());
  // Replicas share each workspace's budget through the database; one SQLite process has it all.
  const fleet: FleetPacing | null = storage.url === null ? null : await startFleetPacing({
    board: openFleetBoard(storage.url, (err) => logger.warn({ err: err.message }, 'fleet: database connection error')),
    owner, limiter, sharedKinds: appScopeKinds(ports), intervalMs: options.fleetIntervalMs, logger,
  });
  const worker = createOutboxWorker({
    outbox: repos.outbox,
    owner,
    ports,
    clock,
    logger,
    limiter,
    onPermanentFailure: (m) => reportPermanentFailure(app, m),
    ...options.worker,
  });
  const ctx = { repos, settings, settingsResolver: options.settingsResolver, clock, logger };
  // The dashboard shares the HTTP server (and its port) with the platforms' endpoints.
  const dashboard = createDashboard({
    ctx, secret: config.web?.secret ?? null, publicUrl: config.web?.publicUrl ?? `http://localhost:${config.port}`, charts: createDashboardCharts(ctx),
  });
  app = { ctx, platforms: bindings, notifyOutbox: () => worker.notify(), dashboard: dashboard.auth };
  route = createRouter(app);

  const routes = adapters.flatMap((a) => (a.http ? [a.http] : []));
  const server = await startHttpServer(routes, config.port, logger, dashboard.mount);
  for (const adapter of adapters) await adapter.start();
  worker.start();
  // Match members to chat accounts right away, so people who write to the bot before the first
  // weekly prompt are recognised.
  for (const t of repos.teams.listTeams()) {
    syncUsers(app, t.id).catch((err: unknown) => logger.warn({ teamId: t.id, err: (err as Error).message }, 'initial user sync failed'));
  }

  const runScheduler = () => startScheduler({
    teams: () => repos.teams.listTeams().map((t) => t.id),
    settingsFor: (teamId) => teamSchedule(forTeam(app.ctx, teamId), repos.teams.getTeam(teamId) ?? team),
    runStep: async (teamId, week, step, due) => {
      await runCycleStep(app, teamId, week, step, due.runKey);
    },
    memberTimeZonesFor: (teamId) => repos.teams.listMembers(teamId).flatMap((m) => (m.timezone ? [m.timezone] : [])),
    // Catch-up covers downtime, not the weeks before the bot ever ran: a first start posts no old digests.
    notBeforeFor: (teamId) => cycleStartedAt(repos, teamId, clock()),
    jobRuns: repos.jobRuns,
    monthlyReview: true,
    clock,
    logger,
  });
  const scheduler = options.scheduler === false ? null : startLeaderScheduler({
    postgresUrl: storage.url, start: runScheduler, logger, retryMs: options.leaderRetryMs,
  });

  logger.info({ platforms: bindings.map((b) => b.platform), team: team.name, http: server?.port ?? null }, 'sales-radar is running');
  return {
    app, storage, adapters, worker, scheduler, server,
    async stop() {
      await scheduler?.stop();
      for (const adapter of adapters) await adapter.stop().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'adapter stop failed'));
      await server?.close();
      await worker.stop();
      await fleet?.stop();
      storage.close();
    },
  };
}
