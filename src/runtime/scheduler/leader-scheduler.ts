// The scheduler on bot replicas sharing one PostgreSQL: only the leader (the holder of an advisory lock,
// src/storage/pg/leader-lock.ts) runs it. When the leader dies or loses its connection, the server frees
// the lock and another replica takes it at its next try (within `retryMs`), starting its own scheduler,
// whose catch-up tick runs whatever was due meanwhile. Each step still runs at most once: job-run claims
// are in the shared database. On SQLite (one process) there is no election: the scheduler just runs.
import type { Logger } from 'pino';
import { startLeaderLock, type LeaderLock } from '../../storage/pg/leader-lock.js';
import type { Scheduler } from './scheduler.js';

export interface LeaderScheduler {
  /** Whether this process runs the scheduler now. */
  isLeader(): boolean;
  /** Resolves once this process leads (tests, operators). */
  whenLeader(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeaderSchedulerOptions {
  /** The shared database; null on SQLite (always the leader). */
  postgresUrl: string | null;
  start: () => Scheduler;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** How often a follower tries for the lock (and the leader checks its connection). Default 3000 ms. */
  retryMs?: number;
}

export function startLeaderScheduler(options: LeaderSchedulerOptions): LeaderScheduler {
  if (!options.postgresUrl) {
    const scheduler = options.start();
    return { isLeader: () => true, whenLeader: () => Promise.resolve(), stop: () => scheduler.stop() };
  }
  let scheduler: Scheduler | null = null;
  let stopping: Promise<void> = Promise.resolve();
  const lock: LeaderLock = startLeaderLock(options.postgresUrl, {
    name: 'scheduler',
    retryMs: options.retryMs ?? 3000,
    onChange(leader) {
      if (leader && !scheduler) {
        options.logger.info({}, 'this replica leads: running the scheduler');
        // A scheduler of an earlier term still stopping finishes first: never two ticks here at once.
        void stopping.then(() => { if (lock.isLeader() && !scheduler) scheduler = options.start(); });
      } else if (!leader && scheduler) {
        options.logger.warn({}, 'this replica lost the scheduler lock: stopping its scheduler');
        const s = scheduler;
        scheduler = null;
        stopping = s.stop();
      }
    },
    onError: (err) => options.logger.warn({ err: err.message }, 'scheduler lock: connection problem (retrying)'),
  });
  return {
    isLeader: () => lock.isLeader(),
    whenLeader: () => lock.whenLeader(),
    async stop() {
      const s = scheduler;
      scheduler = null;
      await Promise.all([s?.stop(), stopping]);
      await lock.stop();
    },
  };
}
