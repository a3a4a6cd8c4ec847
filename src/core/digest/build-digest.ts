// Builds the digest model for a team and week from already-loaded data (no I/O, deterministic).
import { identityOn, type Customer, type Member, type PlatformName } from '../team.js';
import { isAway } from '../team.js';
import type { CustomerScore, TagId } from '../customer-risk/types.js';
import type { FollowUpTask } from '../follow-up/task.js';
import { ACTIVE_STATES } from '../follow-up/task.js';
import type { RoutingConfig } from '../follow-up/routing.js';
import { DEFAULT_ROUTING } from '../follow-up/routing.js';
import { collaboratorsFor } from '../follow-up/assignees.js';
import type { WeekId } from '../weekly-report/week.js';
import { compareWeeks, weekEndDate, weeksBetween, weekStartDate } from '../weekly-report/week.js';
import type { DigestFlag, DigestModel, DigestPerson, DigestRepRow, DigestTask, TeamDigest, TrendPoint } from './digest.types.js';

export interface DigestInput {
  teamId: number;
  week: WeekId;
  /** YYYY-MM-DD in the team's timezone: decides overdue tasks. */
  today: string;
  /**
   * The day "away" is judged on: the week's prompt day, as the prompt and the reminders judge it
   * (awayJudgedOn in src/app/weekly-report/missing-reps.ts). Default `today`.
   */
  awayOn?: string;
  /** This week's scores: all of them, or only the flagged ones with `scoredCount` saying how many there are. */
  scores: readonly CustomerScore[];
  /** How many customers this week has scores for, when `scores` holds only the flagged ones. */
  scoredCount?: number;
  customers: readonly Customer[];
  members: readonly Member[];
  /** Active tasks plus tasks closed recently (closed ones outside this week are ignored). */
  tasks: readonly FollowUpTask[];
  /** Report status per rep for this week (absent = not started). */
  reportStatuses: ReadonlyArray<{ repId: number; submittedAt: string | null; late: boolean }>;
  /** This week's entries (for revenue and entry counts). */
  entries: ReadonlyArray<{ repId: number; customerId: number; values: { revenue: number | null }; carried?: boolean }>;
  /** Weekly flag counts/average index; the last 8 up to `week` are kept. */
  trend?: readonly TrendPoint[];
  config?: RoutingConfig;
  /** How many reasons each flag keeps (default 3). */
  maxReasons?: number;
  /** Latest progress per task id (from `progress` task events). */
  progress?: ReadonlyMap<number, NonNullable<DigestTask['progress']>>;
}

/** Reports without progress after which an active task is called out in the digest. */
export const NO_PROGRESS_REPORTS = 2;

export const toPerson = (m: Member): DigestPerson =>
  ({ id: m.id, name: m.name, role: m.role, identities: m.identities });

/**
 * Whether the bot can reach a member (on one platform, or on any when none is named): the only place the
 * digest reads a member's platform ids.
 */
export function isReachable(m: Pick<Member, 'identities'>, platform?: PlatformName): boolean {
  return platform === undefined ? m.identities.length > 0 : identityOn(m, platform) !== null;
}

/** The reachability test of one platform (of any platform when none is named), for `withUnreachable`. */
export const reachableOn = (platform?: PlatformName) => (m: DigestPerson): boolean => isReachable(m, platform);

/**
 * A platform's digest: the team's digest plus the members `reachable` says the bot cannot reach there.
 * Pure; the team digest is built once and shared by every platform.
 */
export function withUnreachable(digest: TeamDigest, reachable: (m: DigestPerson) => boolean): DigestModel {
  const unreachable = digest.members.filter((m) => !reachable(m));
  const { openTasks, overdueTasks, resolved, ...counts } = digest.counts;
  // Keys in the order `radar digest --json` has always printed them.
  return {
    teamId: digest.teamId,
    week: digest.week,
    today: digest.today,
    counts: { ...counts, unreachable: unreachable.length, openTasks, overdueTasks, resolved },
    flags: digest.flags,
    missingReports: digest.missingReports,
    away: digest.away,
    unreachable,
    carriedTasks: digest.carriedTasks,
    resolved: digest.resolved,
    reps: digest.reps,
    totals: digest.totals,
    trend: digest.trend,
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh') || 0;

/** The team's digest of the week (each platform then adds its unreachable list with `withUnreachable`). */
export function buildDigest(input: DigestInput): TeamDigest {
  const config = input.config ?? DEFAULT_ROUTING;
  const memberOf = new Map(input.members.map((m) => [m.id, m]));
  const customerOf = new Map(input.customers.map((c) => [c.id, c]));
  const person = (id: number | null | undefined): DigestPerson | null => {
    const m = id == null ? undefined : memberOf.get(id);
    return m ? toPerson(m) : null;
  };
  const weekStart = weekStartDate(input.week);
  const weekEnd = weekEndDate(input.week);

  const toTask = (t: FollowUpTask): DigestTask => {
    const customer = customerOf.get(t.customerId) ?? null;
    const progress = input.progress?.get(t.id);
    const active = ACTIVE_STATES.includes(t.state);
    return {
      id: t.id, customerId: t.customerId, customerName: customer?.name ?? `#${t.customerId}`,
      tag: t.tag, role: t.role, grade: t.grade, ownerRole: t.ownerRole, state: t.state,
      assignee: person(t.assigneeId),
      collaborators: collaboratorsFor(t, customer, input.members, config).flatMap((id) => person(id) ?? []),
      createdWeek: t.createdWeek, dueDate: t.dueDate,
      overdue: active && t.state !== 'snoozed' && t.dueDate < input.today,
      snoozedUntil: t.snoozedUntil, closedAt: t.closedAt, closeNote: t.closeNote, escalated: t.escalated,
      progress: progress ?? null,
      // Weeks since the task opened or last moved, counted against the digest's week.
      noProgress: active && t.state !== 'snoozed' && weeksBetween(progress?.week ?? t.createdWeek, input.week) >= NO_PROGRESS_REPORTS,
    };
  };

  const active = input.tasks.filter((t) => ACTIVE_STATES.includes(t.state));
  const activeByCustomer = new Map<number, FollowUpTask[]>();
  for (const t of active) {
    const list = activeByCustomer.get(t.customerId) ?? [];
    list.push(t);
    activeByCustomer.set(t.customerId, list);
  }

  const maxReasons = input.maxReasons ?? 3;
  const flags: DigestFlag[] = input.scores
    .filter((s) => s.grade !== null)
    .sort((a, b) => b.index - a.index || (b.grade === 'A' ? 1 : 0) - (a.grade === 'A' ? 1 : 0) || a.customerId - b.customerId)
    .map((s) => {
      const customer = customerOf.get(s.customerId);
      const tagRank = (tag: TagId) => { const i = s.tags.indexOf(tag); return i < 0 ? 99 : i; };
      const tasks = [...(activeByCustomer.get(s.customerId) ?? [])].sort((a, b) => tagRank(a.tag) - tagRank(b.tag) || a.id - b.id);
      return {
        customerId: s.customerId, customerName: customer?.name ?? `#${s.customerId}`, grade: s.grade!, index: s.index,
        delta: s.delta, weeksInRed: s.weeksInRed, tags: [...s.tags], reasons: s.reasons.slice(0, maxReasons),
        rep: person(customer?.ownerRepId), tasks: tasks.map(toTask), primaryTaskId: tasks[0]?.id ?? null,
      };
    });

  const reps = input.members.filter((m) => m.role === 'rep');
  const statusOf = new Map(input.reportStatuses.map((r) => [r.repId, r]));
  const submitted = (repId: number) => !!statusOf.get(repId)?.submittedAt;
  const awayOn = input.awayOn ?? input.today;
  const away = reps.filter((r) => isAway(r, awayOn) && !submitted(r.id)).sort(byName);
  const missingReports = reps.filter((r) => !submitted(r.id) && !isAway(r, awayOn)).sort(byName);

  const flaggedCustomers = new Set(flags.map((f) => f.customerId));
  // One pass over customers and entries (books can hold thousands of customers).
  const perRep = new Map<number, { customers: number; flags: number; entries: number; carried: number; revenue: number }>();
  const tally = (repId: number) => {
    let row = perRep.get(repId);
    if (!row) perRep.set(repId, (row = { customers: 0, flags: 0, entries: 0, carried: 0, revenue: 0 }));
    return row;
  };
  for (const c of input.customers) {
    if (c.ownerRepId === null) continue;
    const row = tally(c.ownerRepId);
    row.customers += 1;
    if (flaggedCustomers.has(c.id)) row.flags += 1;
  }
  for (const e of input.entries) {
    const row = tally(e.repId);
    row.entries += 1;
    if (e.carried) row.carried += 1;
    row.revenue += e.values.revenue ?? 0;
  }
  const repRows: DigestRepRow[] = reps.map((r) => {
    const t = tally(r.id);
    const st = statusOf.get(r.id);
    return {
      rep: toPerson(r), customers: t.customers, entries: t.entries,
      submitted: !!st?.submittedAt, late: !!st?.submittedAt && st.late, away: isAway(r, awayOn),
      // Submitted with no customer filled: a report in name only, not a ✅.
      empty: !!st?.submittedAt && t.entries === 0, carried: t.carried,
      revenue: round2(t.revenue), flags: t.flags,
    };
  }).sort((a, b) => byName(a.rep, b.rep));

  const carriedTasks = active
    .filter((t) => compareWeeks(t.createdWeek, input.week) < 0)
    .map(toTask)
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || a.id - b.id);
  const resolved = input.tasks
    .filter((t) => (t.state === 'done' || t.state === 'dismissed') && t.closedAt !== null &&
      t.closedAt.slice(0, 10) >= weekStart && t.closedAt.slice(0, 10) <= weekEnd)
    .map(toTask)
    .sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? '') || a.id - b.id);

  const trend = [...(input.trend ?? [])]
    .filter((p) => compareWeeks(p.week, input.week) <= 0)
    .sort((a, b) => compareWeeks(a.week, b.week))
    .slice(-8);

  const activeTasks = active.map(toTask);
  return {
    teamId: input.teamId,
    week: input.week,
    today: input.today,
    counts: {
      customers: input.scoredCount ?? input.scores.length,
      flagged: flags.length,
      gradeA: flags.filter((f) => f.grade === 'A').length,
      gradeB: flags.filter((f) => f.grade === 'B').length,
      newFlags: flags.filter((f) => f.weeksInRed <= 1).length,
      reps: reps.length,
      submitted: reps.filter((r) => submitted(r.id)).length,
      submittedEmpty: repRows.filter((r) => r.empty).length,
      missing: missingReports.length,
      openTasks: activeTasks.length,
      overdueTasks: activeTasks.filter((t) => t.overdue).length,
      resolved: resolved.length,
    },
    flags,
    missingReports: missingReports.map(toPerson),
    away: away.map(toPerson),
    carriedTasks,
    resolved,
    reps: repRows,
    totals: { revenue: round2(input.entries.reduce((s, e) => s + (e.values.revenue ?? 0), 0)), entries: input.entries.length },
    trend,
    members: [...input.members].sort(byName).map(toPerson),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
