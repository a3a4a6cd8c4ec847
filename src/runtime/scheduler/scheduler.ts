// The runtime of the weekly cycle: every minute (node-cron, noOverlap) ask the pure schedule which
// steps are due for each team and run each (team, week, step) at most once through the job-run table.
//
// "At most once" means: at most one successful run, and never two runs at the same time. A step that
// throws half-way has not finished; it is retried (next tick in this process after a short backoff,
// or by any process once the job-run claim goes stale). That is safe because steps are idempotent:
// they only enqueue outbox messages with unique keys, so a re-run re-enqueues nothing already queued,
// and the outbox delivers each key exactly once.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { JobRunRepo } from '../../app/ports/delivery.port.js';
import { dueSteps, type DueStep } from '../../app/schedule/due-steps.js';
import type { ScheduleSettings } from '../../app/schedule/schedule-settings.schema.js';
import type { StepKind } from '../../app/schedule/week-plan.js';
import type { WeekId } from '../../core/weekly-report/week.js';

type MaybePromise<T> = T | Promise<T>;

export interface SchedulerOptions {
  /** Team ids to schedule (a function: teams added later are picked up on the next tick). */
  teams: readonly number[] | (() => MaybePromise<readonly number[]>);
  /** Current settings of a team (settings changed by a manager apply from the next tick). */
  settingsFor: (teamId: number) => MaybePromise<ScheduleSettings>;
  /** Run one step. Must be idempotent (enqueue-only with unique outbox keys). `due.runKey` names it. */
  runStep: (teamId: number, week: WeekId, step: StepKind, due: DueStep) => Promise<void>;
  jobRuns: JobRunRepo;
  clock?: () => Date;
  logger?: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Members' own timezones, so the prompt step starts at the earliest rep's prompt time. */
  memberTimeZonesFor?: (teamId: number) => MaybePromise<readonly string[]>;
  /** Missed digests with a deadline before this are not caught up (e.g. the team's creation). */
  notBeforeFor?: (teamId: number) => MaybePromise<Date | null | undefined>;
  /** Also run the monthly review step (first working day of the month). */
  monthlyReview?: boolean;
  /** Cron pattern of the tick. Default every minute. `false`: no cron (call tick() yourself). */
  cronPattern?: string | false;
  /** First retry delay of a failed step; doubles up to 15 min. Default 60 s. */
  retryBaseMs?: number;
}

export interface TickResult {
  ran: string[];
  failed: string[];
}

export interface Scheduler {
  /** Resolves after the start-up catch-up tick. */
  readonly ready: Promise<TickResult>;
  /** One pass over all teams (what the cron calls); exposed for tests and `radar cycle`. */
  tick(): Promise<TickResult>;
  /** Stop the cron and wait for a running tick to end. */
  stop(): Promise<void>;
}

const NOOP = { info() {}, warn() {}, error() {}, debug() {} };
const MAX_RETRY_MS = 15 * 60_000;

export function startScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? NOOP;
  const retryBaseMs = options.retryBaseMs ?? 60_000;
  // Steps this process claimed but which failed: retried without a new claim (we still hold it).
  const failedOwned = new Map<string, { attempts: number; retryAt: number }>();
  let current: Promise<TickResult> | null = null;
  let stopped = false;

  async function runTeam(teamId: number, result: TickResult): Promise<void> {
    const settings = await options.settingsFor(teamId);
    const memberTimeZones = (await options.memberTimeZonesFor?.(teamId)) ?? [];
    const notBefore = (await options.notBeforeFor?.(teamId)) ?? undefined;
    const now = clock();
    const due = dueSteps({ settings, now, memberTimeZones, notBefore, monthlyReview: options.monthlyReview, hasRun: (w, k) => options.jobRuns.hasRun(teamId, w, k) });
    for (const step of due) {
      if (stopped) return;
      const id = `${teamId}/${step.week}/${step.runKey}`;
      const owned = failedOwned.get(id);
      const at = clock();
      if (owned && owned.retryAt > at.getTime()) continue;
      const claimed = options.jobRuns.claim(teamId, step.week, step.runKey, at.toISOString());
      if (!claimed && !owned) continue; // running elsewhere, or just finished
      try {
        logger.info({ teamId, week: step.week, step: step.runKey, catchUp: step.catchUp }, 'scheduler: running step');
        await options.runStep(teamId, step.week, step.step, step);
        const done = clock().toISOString();
        options.jobRuns.finish(teamId, step.week, step.runKey, done);
        // Reminders made pointless by this step are recorded as done, so they do not follow it.
        for (const k of step.supersedes) {
          if (options.jobRuns.claim(teamId, step.week, k, done)) options.jobRuns.finish(teamId, step.week, k, done);
        }
        failedOwned.delete(id);
        result.ran.push(id);
      } catch (err) {
        const attempts = (owned?.attempts ?? 0) + 1;
        const delay = Math.min(MAX_RETRY_MS, retryBaseMs * 2 ** (attempts - 1));
        failedOwned.set(id, { attempts, retryAt: clock().getTime() + delay });
        result.failed.push(id);
        logger.error({ teamId, week: step.week, step: step.runKey, attempts, retryInMs: delay, err: errorText(err) }, 'scheduler: step failed; will retry');
      }
    }
  }

  async function doTick(): Promise<TickResult> {
    const result: TickResult = { ran: [], failed: [] };
    let teams: readonly number[];
    try {
      teams = typeof options.teams === 'function' ? await options.teams() : options.teams;
    } catch (err) {
      logger.error({ err: errorText(err) }, 'scheduler: could not list teams');
      return result;
    }
    for (const teamId of teams) {
      if (stopped) break;
      try {
        await runTeam(teamId, result);
      } catch (err) {
        // Bad settings of one team must not stop the others.
        logger.error({ teamId, err: errorText(err) }, 'scheduler: team skipped this tick');
      }
    }
    return result;
  }

  function tick(): Promise<TickResult> {
    // Never two passes at once (the cron's noOverlap covers its own ticks; this covers manual ones).
    const run = (current ?? Promise.resolve()).then(() => doTick());
    const guarded = run.finally(() => { if (current === guarded) current = null; });
    current = guarded;
    return guarded;
  }

  // The first tick is the catch-up for anything missed while the bot was down.
  const ready = tick();
  let task: ScheduledTask | null = null;
  if (options.cronPattern !== false) {
    task = cron.schedule(options.cronPattern ?? '* * * * *', async () => { await tick(); }, { noOverlap: true, name: 'sales-radar-cycle' });
  }

  async function stop(): Promise<void> {
    stopped = true;
    if (task) {
      await task.stop();
      await task.destroy();
    }
    await current?.catch(() => undefined);
  }

  return { ready, tick, stop };
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
