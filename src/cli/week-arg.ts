import { isWeekId, type WeekId } from '../core/weekly-report/week.js';
import type { AppContext } from '../app/context.js';
import { latestReportWeek } from '../app/scoring/scoring.service.js';
import { CliError } from './cli-error.js';

/** `--week YYYY-Www`, or the latest week with reports when omitted. */
export function resolveWeek(ctx: AppContext, teamId: number, raw: string | undefined): WeekId {
  if (raw !== undefined) {
    if (!isWeekId(raw)) throw new CliError(`--week: expected an ISO week such as 2026-W48, got "${raw}"`);
    return raw;
  }
  const latest = latestReportWeek(ctx, teamId);
  if (!latest) throw new CliError('no reports in this database yet: run `radar import FILE` or `npm run demo` first');
  return latest;
}
