// Job runs: each scheduled step (team, week, step) runs at most once.
import type { Statement } from 'better-sqlite3';
import type { JobRunRepo } from '../../app/ports/delivery.port.js';
import type { Db } from '../db.js';

export interface JobRunOptions {
  /**
   * A claim never finished after this long is presumed dead (the process crashed mid-step) and may be
   * claimed again; steps are idempotent through outbox keys. Default 15 minutes.
   */
  staleAfterMs?: number;
}

/** Default of JobRunOptions.staleAfterMs. */
export const DEFAULT_STALE_AFTER_MS = 15 * 60_000;

/** Claims started before this (ISO) are presumed dead. */
export const staleCutoff = (at: string, staleAfterMs: number): string => new Date(Date.parse(at) - staleAfterMs).toISOString();

export class SqliteJobRunRepo implements JobRunRepo {
  private readonly claimStmt: Statement;
  private readonly finishStmt: Statement;
  private readonly hasRunStmt: Statement;
  private readonly staleAfterMs: number;

  constructor(db: Db, options: JobRunOptions = {}) {
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    // Insert the claim, or take over an unfinished claim older than the stale cutoff: one statement,
    // so two processes racing for the same step cannot both win.
    this.claimStmt = db.sqlite.prepare(
      `INSERT INTO job_runs (team_id, week, step, started_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (team_id, week, step) DO UPDATE SET started_at = excluded.started_at
       WHERE job_runs.finished_at IS NULL AND job_runs.started_at < ?`,
    );
    this.finishStmt = db.sqlite.prepare('UPDATE job_runs SET finished_at = ? WHERE team_id = ? AND week = ? AND step = ?');
    this.hasRunStmt = db.sqlite.prepare('SELECT 1 FROM job_runs WHERE team_id = ? AND week = ? AND step = ? AND finished_at IS NOT NULL').pluck(true);
  }

  claim(teamId: number, week: string, step: string, at: string): boolean {
    return this.claimStmt.run(teamId, week, step, at, staleCutoff(at, this.staleAfterMs)).changes > 0;
  }

  finish(teamId: number, week: string, step: string, at: string): void {
    this.finishStmt.run(at, teamId, week, step);
  }

  hasRun(teamId: number, week: string, step: string): boolean {
    return this.hasRunStmt.get(teamId, week, step) !== undefined;
  }
}
