// Runs a task question ("我的任务", "逾期任务", "张敏负责的任务", "华星科技的任务", "claimed tasks in East")
// over the team's follow-up tasks, within what the asker may see.
import type { Customer, Member } from '../team.js';
import { ACTIVE_STATES, type FollowUpTask, type TaskState } from '../follow-up/task.js';
import { compareWeeks } from '../weekly-report/week.js';
import type { TaskRow } from './answer.types.js';
import { personRef } from './list-query.js';
import type { TaskFilters } from './parse-question.js';
import { INDUSTRIES, REGIONS } from './vocabulary.js';
import { normalizeName } from '../team.js';
import type { ResolvedTime } from './time-slot.js';

/** Rows shown when the question gives no "top N". */
const DEFAULT_TASK_ROWS = 20;
/** Overdue means a due date passed while someone still has to act. */
const WAITING: readonly TaskState[] = ['open', 'claimed'];

export interface TaskQuery {
  filters: TaskFilters;
  limit?: number;
  /** Only tasks created in (baseline, to]. */
  created?: ResolvedTime;
  assigneeIds?: ReadonlySet<number>;
  customerId?: number;
}

export interface TaskScope {
  tasks: readonly FollowUpTask[];
  customers: ReadonlyMap<number, Customer>;
  members: ReadonlyMap<number, Member>;
  today: string;
  /** null: the asker sees every task; else tasks on their customers or assigned to them. */
  askerId: number | null;
  all: boolean;
}

const matches = (asked: string, stored: string | null, groups: ReadonlyArray<{ value: string; synonyms: readonly string[] }>): boolean => {
  if (!stored) return false;
  const a = normalizeName(asked);
  const s = normalizeName(stored);
  const group = groups.find((g) => normalizeName(g.value) === a || g.synonyms.includes(a));
  return a === s || (group !== undefined && (normalizeName(group.value) === s || group.synonyms.includes(s)));
};

export const isOverdue = (t: FollowUpTask, today: string): boolean => WAITING.includes(t.state) && t.dueDate < today;

/** Tasks matching the question, overdue first, then by grade and due date. */
export function runTasks(q: TaskQuery, scope: TaskScope): { total: number; rows: TaskRow[] } {
  const f = q.filters;
  const states = new Set<TaskState>(f.states ?? ACTIVE_STATES);
  const me = scope.askerId;
  const rows: TaskRow[] = [];
  for (const task of scope.tasks) {
    const customer = scope.customers.get(task.customerId);
    if (!scope.all && !(customer?.ownerRepId === me || task.assigneeId === me)) continue;
    const overdue = isOverdue(task, scope.today);
    if (f.overdue ? !overdue : !states.has(task.state)) continue;
    if (f.overdue && f.states && !f.states.includes(task.state)) continue;
    if (f.mine && (me === null || task.assigneeId !== me)) continue;
    if (q.assigneeIds && (task.assigneeId === null || !q.assigneeIds.has(task.assigneeId))) continue;
    if (q.customerId !== undefined && task.customerId !== q.customerId) continue;
    if (f.tags && !f.tags.includes(task.tag)) continue;
    if (f.grade && task.grade !== f.grade) continue;
    if (f.tier && customer?.tier !== f.tier) continue;
    if (f.region && !matches(f.region, customer?.region ?? null, REGIONS)) continue;
    if (f.industry && !matches(f.industry, customer?.industry ?? null, INDUSTRIES)) continue;
    if (q.created && (compareWeeks(task.createdWeek, q.created.baseline) <= 0 || compareWeeks(task.createdWeek, q.created.to) > 0)) continue;
    const assignee = task.assigneeId === null ? null : scope.members.get(task.assigneeId);
    rows.push({ task, customerName: customer?.name ?? `#${task.customerId}`, assignee: personRef(assignee), overdue });
  }
  rows.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.task.grade.localeCompare(b.task.grade)
    || a.task.dueDate.localeCompare(b.task.dueDate) || a.task.id - b.task.id);
  const cap = q.limit !== undefined && q.limit > 0 ? Math.min(q.limit, 200) : DEFAULT_TASK_ROWS;
  return { total: rows.length, rows: rows.slice(0, cap) };
}
