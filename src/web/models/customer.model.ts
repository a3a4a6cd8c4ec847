// A customer's page: score and reasons (with the numbers behind each dimension), the entries history,
// and every follow-up task with its events.
import type { Customer, Member } from '../../core/team.js';
import type { CustomerScore } from '../../core/customer-risk/types.js';
import type { FollowUpTask, TaskEvent } from '../../core/follow-up/task.js';
import type { EntryValues } from '../../core/weekly-report/template.js';
import { addWeeks, type WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../../app/context.js';
import { storedScoreOf } from '../../app/scoring/scoring.service.js';

/** How many past entries the page lists. */
export const ENTRY_HISTORY = 12;

export interface CustomerPageModel {
  customer: Customer;
  week: WeekId;
  score: CustomerScore | null;
  rep: { id: number; name: string } | null;
  /** Newest first. */
  entries: Array<{ week: WeekId; repName: string; values: EntryValues; source: 'chat' | 'import' }>;
  tasks: Array<{ task: FollowUpTask; assignee: string | null; events: Array<TaskEvent & { actor: string | null }> }>;
}

export function customerPageModel(ctx: AppContext, customer: Customer, week: WeekId): CustomerPageModel {
  const { repos } = ctx;
  const names = new Map<number, Member>(repos.teams.listMembers(customer.teamId).map((m) => [m.id, m]));
  const nameOf = (id: number | null) => (id === null ? null : names.get(id)?.name ?? null);
  // Walk back entry by entry (one indexed lookup each) rather than load the whole team's range.
  const entries: CustomerPageModel['entries'] = [];
  let before = addWeeks(week, 1);
  for (let i = 0; i < ENTRY_HISTORY; i += 1) {
    const e = repos.reports.lastEntryBefore(customer.id, before);
    if (!e) break;
    entries.push({ week: e.week, repName: nameOf(e.repId) ?? `#${e.repId}`, values: e.values, source: e.source });
    before = e.week;
  }
  const tasks = repos.tasks.listTasks(customer.teamId, { customerId: customer.id })
    .sort((a, b) => b.id - a.id)
    .map((task) => ({
      task,
      assignee: nameOf(task.assigneeId),
      events: repos.tasks.events(task.id).map((e) => ({ ...e, actor: nameOf(e.actorId) })),
    }));
  const owner = customer.ownerRepId === null ? null : names.get(customer.ownerRepId) ?? null;
  return {
    customer,
    week,
    score: storedScoreOf(ctx, customer, week),
    rep: owner ? { id: owner.id, name: owner.name } : null,
    entries,
    tasks,
  };
}
