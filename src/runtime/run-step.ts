// One scheduled step of the weekly cycle, by name: what the scheduler and `radar cycle` both run.
import type { StepKind } from '../app/schedule/index.js';
import type { RadarApp } from '../app/radar-app.js';
import { runPromptStep } from '../app/weekly-report/prompt.job.js';
import { runRemindStep } from '../app/weekly-report/remind.job.js';
import { runDigestStep } from '../app/digest/digest.job.js';
import { runNudgeStep } from '../app/follow-up/nudge.job.js';
import { runReviewStep } from '../app/review/review.job.js';
import { forTeam } from '../app/settings/team-settings.js';

/** Steps only enqueue outbox messages with unique keys, so running one again never sends twice. */
export async function runCycleStep(base: RadarApp, teamId: number, week: string, step: StepKind, runKey: string = step): Promise<unknown> {
  // A step works for one team, with that team's settings.
  const app: RadarApp = { ...base, ctx: forTeam(base.ctx, teamId) };
  switch (step) {
    case 'prompt':
      return runPromptStep(app, teamId, week);
    case 'remind':
      return runRemindStep(app, teamId, week, runKey.includes('#') ? runKey.split('#')[1] ?? 1 : 1);
    case 'digest':
      return runDigestStep(app, teamId, week);
    case 'nudge':
      return runNudgeStep(app, teamId);
    case 'review':
      // The run key names the month reviewed: `review@2026-11`.
      return runReviewStep(app, teamId, runKey.split('@')[1] ?? '');
  }
}
