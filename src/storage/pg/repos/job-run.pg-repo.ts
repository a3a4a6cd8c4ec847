// Job runs on PostgreSQL: each scheduled step (team, week, step) runs at most once, across replicas.
import type { AsyncJobRunRepo } from '../../../app/ports/async.port.js';
import type { PgDb } from '../db.js';
import { DEFAULT_STALE_AFTER_MS, staleCutoff, type JobRunOptions } from '../../repos/job-run.sqlite-repo.js';

export class PgJobRunRepo implements AsyncJobRunRepo {
  private readonly staleAfterMs: number;

  constructor(private readonly db: PgDb, options: JobRunOptions = {}) {
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  async claim(teamId: number, week: string, step: string, at: string): Promise<boolean> {
    // Insert the claim, or take over an unfinished one older than the cutoff: one statement, so two
    // replicas racing for the same step cannot both win (the loser's upsert finds the winner's row fresh).
    const n = await this.db.execute(
      `INSERT INTO job_runs (team_id, week, step, started_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id, week, step) DO UPDATE SET started_at = excluded.started_at
       WHERE job_runs.finished_at IS NULL AND job_runs.started_at < $5`,
      [teamId, week, step, at, staleCutoff(at, this.staleAfterMs)], { name: 'job_run_claim' });
    return n > 0;
  }

  async finish(teamId: number, week: string, step: string, at: string): Promise<void> {
    await this.db.execute('UPDATE job_runs SET finished_at = $1 WHERE team_id = $2 AND week = $3 AND step = $4', [at, teamId, week, step]);
  }

  async hasRun(teamId: number, week: string, step: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM job_runs WHERE team_id = $1 AND week = $2 AND step = $3 AND finished_at IS NOT NULL', [teamId, week, step]);
    return rows.length > 0;
  }
}
