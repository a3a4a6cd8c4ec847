// Rate-limit budgets shared by the replicas of one deployment (PostgreSQL). Every `intervalMs` this
// replica tells the fleet board it is alive and learns how many are; it then paces the app-wide scopes
// (a Slack workspace, a Feishu app) at 1/N of their budget, so N replicas together stay inside it.
// Conversation scopes are not split: one conversation's messages go out one at a time wherever they are
// sent from. A 429 one replica gets is posted on the board and kept by all: the platform's pause is the
// workspace's, not the replica's. A replica that dies stops beating; after `staleAfterMs` the others
// count it gone and take its share back.
import type { Logger } from 'pino';
import type { FleetBoard } from '../../storage/pg/fleet-board.js';
import type { RateLimiter } from './rate-limiter.js';

export interface FleetPacingOptions {
  board: FleetBoard;
  /** This replica's name (the outbox lease owner). */
  owner: string;
  limiter: RateLimiter;
  /** Scope kinds whose budget the replicas share (appScopeKinds of the ports). */
  sharedKinds: readonly string[];
  /** Default 1000 ms. */
  intervalMs?: number;
  /** A replica not seen for this long is gone. Default 3 × intervalMs. */
  staleAfterMs?: number;
  logger: Pick<Logger, 'warn' | 'info'>;
}

export interface FleetPacing {
  /** Replicas alive at the last beat (this one included). */
  replicas(): number;
  /** Stop beating and leave the board (the others take this share back at their next beat). */
  stop(): Promise<void>;
}

/** Starts pacing; resolves after the first beat, so the first sends already know the fleet. */
export async function startFleetPacing(options: FleetPacingOptions): Promise<FleetPacing> {
  const { board, owner, limiter, sharedKinds, logger } = options;
  const intervalMs = options.intervalMs ?? 1_000;
  const staleAfterMs = options.staleAfterMs ?? 3 * intervalMs;
  let replicas = 1;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let failing = false;
  let current: Promise<void> = Promise.resolve();

  const beat = async () => {
    try {
      const view = await board.beat(owner, staleAfterMs);
      if (view.replicas !== replicas) logger.info({ replicas: view.replicas }, 'fleet: replicas sharing the rate budgets');
      replicas = view.replicas;
      limiter.setFleetShare(sharedKinds, 1 / replicas);
      for (const p of view.pauses) limiter.hold([p.scope], p.remainingMs);
      failing = false;
    } catch (err) {
      // The database is away: keep the last share (the outbox cannot be claimed meanwhile either).
      if (!failing) logger.warn({ err: (err as Error).message }, 'fleet: heartbeat failed; keeping the last budget share');
      failing = true;
    }
  };
  const loop = async () => {
    timer = null;
    if (stopped) return;
    current = beat();
    await current;
    // unref: the beat alone never keeps a process alive (a bot that failed to start exits).
    if (!stopped) timer = setTimeout(() => { void loop(); }, intervalMs).unref();
  };

  limiter.onPause((keys, ms) => {
    board.pause(keys, ms).catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'fleet: could not share a rate-limit pause'));
  });
  await loop();

  return {
    replicas: () => replicas,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      limiter.onPause(null);
      await current; // a beat in flight must not sign this replica back in after it left
      await board.leave(owner).catch(() => undefined);
      await board.close().catch(() => undefined);
    },
  };
}
