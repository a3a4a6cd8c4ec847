// The landing page: a week's red flags (filtered, sorted), who has not submitted, and the follow-up
// board. Read-only: built with the digest model's builder, without syncing tasks.
import { buildDigest } from '../../core/digest/build-digest.js';
import type { DigestPerson } from '../../core/digest/digest.types.js';
import type { LocalizedText } from '../../core/i18n.js';
import type { Grade, TagId } from '../../core/customer-risk/types.js';
import { isBuiltInTag, TAGS } from '../../core/customer-risk/types.js';
import type { Member, Role, Team } from '../../core/team.js';
import { ACTIVE_STATES, type TaskState } from '../../core/follow-up/task.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../../app/context.js';
import { teamNow } from '../../app/context.js';
import type { WeekFlags } from '../../app/scoring/week-flags.js';
import { awayJudgedOn } from '../../app/weekly-report/missing-reps.js';
import { canSee, seesTeam, visibleCustomers } from './visibility.js';

export const SORT_KEYS = ['index', 'delta', 'weeks', 'name', 'rep'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface FlagFilters {
  grade: Grade | null;
  tag: TagId | null;
  region: string | null;
  repId: number | null;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export interface FlagRow {
  customerId: number;
  name: string;
  grade: Grade;
  index: number;
  delta: number | null;
  weeksInRed: number;
  tags: TagId[];
  reasons: LocalizedText[];
  region: string | null;
  rep: { id: number; name: string } | null;
}

export interface BoardTask {
  id: number;
  customerId: number;
  customerName: string;
  tag: TagId;
  state: TaskState;
  grade: Grade;
  dueDate: string;
  overdue: boolean;
}

/** Tasks of one assignee (or of a role nobody has claimed yet). */
export interface BoardGroup {
  assignee: { name: string } | { role: Role };
  tasks: BoardTask[];
}

export interface ThisWeekModel {
  week: WeekId;
  /** Weeks with reports, newest first (the week picker). */
  weeks: WeekId[];
  today: string;
  viewer: Member;
  /** Sees the team-wide sections (heat map, portfolio, missing reports). */
  teamView: boolean;
  filters: FlagFilters;
  options: { regions: string[]; tags: TagId[]; reps: Array<{ id: number; name: string }> };
  /** Visible flags before filtering, and after. */
  totalFlags: number;
  flags: FlagRow[];
  counts: { gradeA: number; gradeB: number; newFlags: number; reps: number; submitted: number };
  missing: DigestPerson[];
  away: DigestPerson[];
  board: { open: BoardGroup[]; claimed: BoardGroup[]; overdue: BoardGroup[]; snoozed: number };
}

const compareRows = (key: SortKey) => (a: FlagRow, b: FlagRow): number => {
  switch (key) {
    case 'index': return a.index - b.index;
    case 'delta': return (a.delta ?? -Infinity) - (b.delta ?? -Infinity);
    case 'weeks': return a.weeksInRed - b.weeksInRed;
    case 'name': return a.name.localeCompare(b.name, 'zh');
    case 'rep': return (a.rep?.name ?? '').localeCompare(b.rep?.name ?? '', 'zh');
  }
};

function groupBoard(tasks: BoardTask[], assigneeOf: Map<number, { name: string } | { role: Role }>): BoardGroup[] {
  const groups = new Map<string, BoardGroup>();
  for (const task of tasks) {
    const who = assigneeOf.get(task.id)!;
    const key = 'name' in who ? `n:${who.name}` : `r:${who.role}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { assignee: who, tasks: [] }));
    g.tasks.push(task);
  }
  for (const g of groups.values()) g.tasks.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id);
  return [...groups.values()].sort((a, b) => b.tasks.length - a.tasks.length);
}

/**
 * `flags`: the week's red flags, loaded once per request and shared with the team charts. Nothing here
 * reads the whole book: the flagged customers, the active follow-ups and their customers, the members
 * and the week's report statuses are all it needs (lean enough for 20,000 customers).
 */
export function thisWeekModel(ctx: AppContext, team: Team, viewer: Member, weekFlags: WeekFlags, weeks: WeekId[], filters: FlagFilters): ThisWeekModel {
  const { repos } = ctx;
  const week = weekFlags.week;
  const today = teamNow(ctx, team.timezone).today;
  const members = repos.teams.listMembers(team.id);
  const tasks = repos.tasks.listTasks(team.id, { states: ACTIVE_STATES });
  const visible = visibleCustomers(ctx, viewer, tasks);
  const missingIds = tasks.map((t) => t.customerId).filter((id) => !weekFlags.customers.has(id));
  const customers = [...weekFlags.customers.values(), ...(missingIds.length > 0 ? repos.customers.customersByIds(missingIds) : [])];
  // The digest's own builder, for the same order, reasons, missing and away lists as the chat digest.
  // Only flags, missingReports, away and the rep counts are read from it, so it gets no entries and
  // only the customers above (its per-rep tallies, unused here, would need the whole book).
  const digest = buildDigest({
    teamId: team.id, week, today,
    // Away as the chat digest and the reminders judge it: on the week's prompt day.
    awayOn: awayJudgedOn(ctx, team, week),
    scores: weekFlags.flagged,
    customers, members, tasks: [],
    reportStatuses: repos.reports.reportStatuses(team.id, week),
    entries: [],
    config: ctx.settings.routing,
  });
  const customerOf = new Map(customers.map((c) => [c.id, c]));
  const all: FlagRow[] = digest.flags.filter((f) => canSee(visible, f.customerId)).map((f) => ({
    customerId: f.customerId, name: f.customerName, grade: f.grade, index: f.index, delta: f.delta, weeksInRed: f.weeksInRed,
    tags: f.tags, reasons: f.reasons, region: customerOf.get(f.customerId)?.region ?? null,
    rep: f.rep ? { id: f.rep.id, name: f.rep.name } : null,
  }));
  const flags = all.filter((f) => (filters.grade === null || f.grade === filters.grade)
    && (filters.tag === null || f.tags.includes(filters.tag))
    && (filters.region === null || f.region === filters.region)
    && (filters.repId === null || f.rep?.id === filters.repId));
  const cmp = compareRows(filters.sort);
  flags.sort((a, b) => (filters.dir === 'asc' ? cmp(a, b) : cmp(b, a)) || b.index - a.index || a.customerId - b.customerId);

  const memberOf = new Map(members.map((m) => [m.id, m]));
  const active = tasks.filter((t) => ACTIVE_STATES.includes(t.state) && canSee(visible, t.customerId));
  const assigneeOf = new Map(active.map((t) => {
    const m = t.assigneeId === null ? undefined : memberOf.get(t.assigneeId);
    return [t.id, m ? { name: m.name } : { role: t.role }] as const;
  }));
  const boardTask = (t: (typeof active)[number]): BoardTask => ({
    id: t.id, customerId: t.customerId, customerName: customerOf.get(t.customerId)?.name ?? `#${t.customerId}`,
    tag: t.tag, state: t.state, grade: t.grade, dueDate: t.dueDate, overdue: t.state !== 'snoozed' && t.dueDate < today,
  });
  const live = active.filter((t) => t.state !== 'snoozed').map(boardTask);
  const teamView = seesTeam(viewer);
  const repIds = new Set(all.flatMap((f) => (f.rep ? [f.rep.id] : [])));
  return {
    week, weeks, today, viewer, teamView, filters,
    options: {
      regions: [...new Set(all.flatMap((f) => (f.region ? [f.region] : [])))].sort(),
      // Built-in problem types first, then the custom tags (scoring.customTags) flagged this week.
      tags: [...TAGS.filter((tag) => all.some((f) => f.tags.includes(tag))), ...new Set(all.flatMap((f) => f.tags.filter((tag) => !isBuiltInTag(tag))))],
      reps: members.filter((m) => repIds.has(m.id)).map((m) => ({ id: m.id, name: m.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    },
    totalFlags: all.length,
    flags,
    counts: {
      gradeA: all.filter((f) => f.grade === 'A').length,
      gradeB: all.filter((f) => f.grade === 'B').length,
      newFlags: all.filter((f) => f.weeksInRed === 1).length,
      reps: digest.counts.reps,
      submitted: digest.counts.submitted,
    },
    missing: teamView ? digest.missingReports : [],
    away: teamView ? digest.away : [],
    board: {
      open: groupBoard(live.filter((t) => t.state === 'open' && !t.overdue), assigneeOf),
      claimed: groupBoard(live.filter((t) => t.state === 'claimed' && !t.overdue), assigneeOf),
      overdue: groupBoard(live.filter((t) => t.overdue), assigneeOf),
      snoozed: active.length - live.length,
    },
  };
}
