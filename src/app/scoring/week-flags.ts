// A week's red flags with their customers: what the dashboard's main page, its team charts and the chat
// charts read, loaded once and shared. The flagged rows are about 1% of a week's scores, so this stays
// small for a 20,000-customer book; nobody needs the other 99% (and their JSON) to draw red flags.
import type { CustomerScore } from '../../core/customer-risk/types.js';
import type { Customer } from '../../core/team.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../context.js';
import { ensureFlagged } from './scoring.service.js';

export interface WeekFlags {
  teamId: number;
  week: WeekId;
  /** Grade A or B, highest index first. */
  flagged: readonly CustomerScore[];
  /** The flagged customers, by id. */
  customers: ReadonlyMap<number, Customer>;
}

/** The week's flags (scoring the week first only when its stored scores are missing or stale). */
export function loadWeekFlags(ctx: AppContext, teamId: number, week: WeekId): WeekFlags {
  const flagged = ensureFlagged(ctx, teamId, week);
  const customers = new Map(ctx.repos.customers.customersByIds(flagged.map((s) => s.customerId)).map((c) => [c.id, c]));
  return { teamId, week, flagged, customers };
}
