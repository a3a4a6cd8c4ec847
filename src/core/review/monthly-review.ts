// The monthly review (复盘): what was flagged, what was done about it, what came of it, and how well
// the scorer itself warned. Pure: the app hands in scores, tasks with their events and bad outcomes.
import type { FollowUpTask, TaskEvent } from '../follow-up/task.js';
import type { Grade, TagId } from '../customer-risk/types.js';
import { addWeeks, compareWeeks, weeksBetween, type WeekId } from '../weekly-report/week.js';
import type { Period } from './period.js';
import { median, tally } from './stats.js';

export interface ReviewFlag {
  customerId: number;
  week: WeekId;
  index: number;
  grade: Grade | null;
  tags: readonly string[];
}

/** The first week a customer was marked `lost` or reached 90+ days overdue. */
export interface BadOutcome {
  customerId: number;
  week: WeekId;
  kind: 'lost' | 'overdue90';
}

export interface ReviewInput {
  period: Period;
  customers: ReadonlyArray<{ id: number; name: string }>;
  members: ReadonlyArray<{ id: number; name: string; role: string }>;
  /** Every customer's score for each week from well before the month (lead times) to its end. */
  scores: readonly ReviewFlag[];
  tasks: readonly FollowUpTask[];
  events: ReadonlyMap<number, readonly TaskEvent[]>;
  badOutcomes: readonly BadOutcome[];
  /** An index below this (grade B) is out of the red. */
  recoveredBelow: number;
}

export type OutcomeResult = 'recovered' | 'relapsed' | 'lost' | 'not_recovered' | 'pending';

export interface OutcomeRow {
  taskId: number;
  customerId: number;
  customer: string;
  tag: TagId;
  role: string;
  /** How the task closed: resolved by someone, closed as recovered by the scorer, or dismissed. */
  closedAs: 'resolved' | 'recovered' | 'dismissed';
  closedAt: string;
  /** Index the week the task was opened → at close → 2 and 4 weeks later. */
  before: number | null;
  atClose: number | null;
  after2w: number | null;
  after4w: number | null;
  result: OutcomeResult;
}

export interface StoryEvent {
  at: string;
  kind: string;
  actor: string | null;
  note: string | null;
}

export interface ReviewCase {
  kind: 'recovery' | 'miss';
  customer: string;
  tag: TagId;
  role: string;
  result: OutcomeResult;
  before: number | null;
  latest: number | null;
  story: { flags: Array<{ week: WeekId; index: number; grade: Grade | null; tags: readonly string[] }>; events: StoryEvent[] };
}

export interface MonthlyReview {
  month: string;
  weeks: WeekId[];
  flags: {
    /** Flag episodes that started in the month (graded after a week without a grade). */
    raised: number;
    /** Distinct customers graded A or B in any week of the month. */
    customers: number;
    byTag: Record<string, number>;
    byGrade: Record<Grade, number>;
    byTagGrade: Record<string, Record<Grade, number>>;
  };
  tasks: {
    opened: number;
    claimed: number;
    resolved: number;
    dismissed: number;
    stillOpen: number;
    /** Per assignee role: opened and resolved in the month; median days from opening to a first claim / a resolution made in the month. */
    byRole: Array<{ role: string; opened: number; resolved: number; medianDaysToClaim: number | null; medianDaysToResolve: number | null }>;
  };
  outcomes: OutcomeRow[];
  interventions: Array<{ tag: TagId; role: string; closed: number } & Record<OutcomeResult, number> & { avgChange: number | null }>;
  recovered: string[];
  relapsed: string[];
  lost: string[];
  cases: ReviewCase[];
  trackRecord: {
    badOutcomes: Array<{ customer: string; kind: BadOutcome['kind']; week: WeekId; flaggedBefore: boolean; weeksBefore: number | null }>;
    flaggedBefore: number;
    medianWeeksBefore: number | null;
    /** Flag episodes that ended in the month with nobody having acted on the customer's tasks. */
    recoveredWithoutAction: Array<{ customer: string; from: WeekId; to: WeekId }>;
  };
}

const CLOSE_KINDS: Record<string, OutcomeRow['closedAs']> = { done: 'resolved', recovered: 'recovered', dismissed: 'dismissed' };
const dayOf = (iso: string) => iso.slice(0, 10);
const days = (a: string, b: string) => Math.round(((Date.parse(b) - Date.parse(a)) / 86_400_000) * 10) / 10;

export function buildMonthlyReview(input: ReviewInput): MonthlyReview {
  const { period } = input;
  const inMonth = (iso: string) => dayOf(iso) >= period.from && dayOf(iso) <= period.to;
  const monthWeeks = new Set(period.weeks);
  const lastWeek = period.weeks.at(-1)!;
  const name = new Map(input.customers.map((c) => [c.id, c.name]));
  const memberName = new Map(input.members.map((m) => [m.id, m.name]));
  const memberRole = new Map(input.members.map((m) => [m.id, m.role]));
  const flagged = (s: ReviewFlag | undefined) => s !== undefined && s.grade !== null;
  const byKey = new Map(input.scores.map((s) => [`${s.customerId}|${s.week}`, s]));
  const scoreAt = (customerId: number, week: WeekId) => byKey.get(`${customerId}|${week}`);

  // Flags: episodes starting in the month, with the tags and grade of their first week.
  const byTag: Record<string, number> = {};
  const byGrade: Record<Grade, number> = { A: 0, B: 0 };
  const byTagGrade: Record<string, Record<Grade, number>> = {};
  let raised = 0;
  const customersFlagged = new Set<number>();
  const episodeEnds: Array<{ customerId: number; from: WeekId; to: WeekId }> = [];
  for (const s of input.scores) {
    if (!monthWeeks.has(s.week)) continue;
    const prev = scoreAt(s.customerId, addWeeks(s.week, -1));
    if (flagged(s)) {
      customersFlagged.add(s.customerId);
      if (flagged(prev)) continue;
      raised += 1;
      byGrade[s.grade!] += 1;
      for (const t of s.tags) {
        byTag[t] = (byTag[t] ?? 0) + 1;
        (byTagGrade[t] ??= { A: 0, B: 0 })[s.grade!] += 1;
      }
    } else if (flagged(prev)) {
      let from = prev!.week;
      while (flagged(scoreAt(s.customerId, addWeeks(from, -1)))) from = addWeeks(from, -1);
      episodeEnds.push({ customerId: s.customerId, from, to: prev!.week });
    }
  }

  // Tasks: what happened to them during the month, from their events.
  const eventsOf = (t: FollowUpTask) => input.events.get(t.id) ?? [];
  const createdAt = (t: FollowUpTask) => eventsOf(t).find((e) => e.kind === 'created')?.at ?? null;
  const roleOf = (t: FollowUpTask) => (t.assigneeId !== null ? memberRole.get(t.assigneeId) : undefined) ?? t.role;
  const opened = input.tasks.filter((t) => monthWeeks.has(t.createdWeek));
  const count = (kinds: readonly string[]) => input.tasks.filter((t) => eventsOf(t).some((e) => kinds.includes(e.kind) && inMonth(e.at))).length;
  const stillOpen = input.tasks.filter((t) => compareWeeks(t.createdWeek, lastWeek) <= 0 && (t.closedAt === null || dayOf(t.closedAt) > period.to)).length;
  // Lags by role over what happened in the month: claims made in it, resolutions reached in it.
  const firstAt = (t: FollowUpTask, kinds: readonly string[]) => eventsOf(t).find((e) => kinds.includes(e.kind))?.at;
  const lagsOf = (tasks: readonly FollowUpTask[], kinds: readonly string[]) => median(tasks.flatMap((t) => {
    const start = createdAt(t);
    const end = firstAt(t, kinds);
    return start && end && inMonth(end) ? [days(start, end)] : [];
  }));
  const active = input.tasks.filter((t) => monthWeeks.has(t.createdWeek) || eventsOf(t).some((e) => e.kind !== 'created' && inMonth(e.at)));
  const roles = [...new Set(active.map(roleOf))].sort();
  const byRole = roles.map((role) => {
    const mine = active.filter((t) => roleOf(t) === role);
    return {
      role,
      opened: mine.filter((t) => monthWeeks.has(t.createdWeek)).length,
      resolved: mine.filter((t) => eventsOf(t).some((e) => (e.kind === 'done' || e.kind === 'recovered') && inMonth(e.at))).length,
      medianDaysToClaim: lagsOf(mine, ['claimed']),
      medianDaysToResolve: lagsOf(mine, ['done', 'recovered']),
    };
  });

  // Outcomes: tasks closed in the month, followed through their outcome log.
  const bad = new Map(input.badOutcomes.map((b) => [b.customerId, b]));
  const outcomes: OutcomeRow[] = [];
  for (const t of input.tasks) {
    if (t.closedAt === null || !inMonth(t.closedAt)) continue;
    const close = [...eventsOf(t)].reverse().find((e) => e.kind in CLOSE_KINDS);
    if (!close) continue;
    const before = scoreAt(t.customerId, t.createdWeek)?.index ?? null;
    outcomes.push({
      taskId: t.id, customerId: t.customerId, customer: name.get(t.customerId) ?? `#${t.customerId}`, tag: t.tag, role: roleOf(t),
      closedAs: CLOSE_KINDS[close.kind]!, closedAt: t.closedAt, before, atClose: t.indexAtClose, after2w: t.indexAfter2w, after4w: t.indexAfter4w,
      result: outcomeResult(t, bad.get(t.customerId), input.recoveredBelow),
    });
  }
  outcomes.sort((a, b) => a.closedAt.localeCompare(b.closedAt) || a.taskId - b.taskId);

  const groups = new Map<string, OutcomeRow[]>();
  for (const o of outcomes) {
    const k = `${o.tag}|${o.role}`;
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  const interventions = [...groups.values()].map((rows) => {
    const results = tally(rows.map((r) => r.result));
    const changes = rows.flatMap((r) => {
      const latest = r.after4w ?? r.after2w;
      return r.before !== null && latest !== null ? [latest - r.before] : [];
    });
    return {
      tag: rows[0]!.tag, role: rows[0]!.role, closed: rows.length,
      recovered: results.recovered ?? 0, relapsed: results.relapsed ?? 0, lost: results.lost ?? 0,
      not_recovered: results.not_recovered ?? 0, pending: results.pending ?? 0,
      avgChange: changes.length ? Math.round(changes.reduce((s, x) => s + x, 0) / changes.length) : null,
    };
  }).sort((a, b) => b.closed - a.closed || a.tag.localeCompare(b.tag) || a.role.localeCompare(b.role));
  const namesWith = (r: OutcomeResult) => [...new Set(outcomes.filter((o) => o.result === r).map((o) => o.customer))];

  // The scorer's track record: bad outcomes of the month, and how early they were flagged.
  const badOutcomes = input.badOutcomes.filter((b) => monthWeeks.has(b.week)).map((b) => {
    let start: WeekId | null = null;
    for (let w = addWeeks(b.week, -1); flagged(scoreAt(b.customerId, w)); w = addWeeks(w, -1)) start = w;
    if (start === null) {
      // Flagged earlier but not in the weeks just before: the earliest warning still counts.
      start = input.scores.filter((s) => s.customerId === b.customerId && flagged(s) && compareWeeks(s.week, b.week) < 0)
        .map((s) => s.week).sort().at(-1) ?? null;
    }
    return { customer: name.get(b.customerId) ?? `#${b.customerId}`, kind: b.kind, week: b.week, flaggedBefore: start !== null, weeksBefore: start === null ? null : weeksBetween(start, b.week) };
  });
  const actedOn = (customerId: number, from: WeekId, to: WeekId) => input.tasks.some((t) => t.customerId === customerId
    && compareWeeks(t.createdWeek, to) <= 0 && compareWeeks(t.createdWeek, addWeeks(from, -1)) >= 0 && eventsOf(t).some((e) => e.actorId !== null));
  const recoveredWithoutAction = episodeEnds.filter((e) => !actedOn(e.customerId, e.from, e.to))
    .map((e) => ({ customer: name.get(e.customerId) ?? `#${e.customerId}`, from: e.from, to: e.to }));

  const story = (customerId: number): ReviewCase['story'] => ({
    flags: input.scores.filter((s) => s.customerId === customerId && (flagged(s) || flagged(scoreAt(customerId, addWeeks(s.week, -1)))))
      .sort((a, b) => compareWeeks(a.week, b.week)).map((s) => ({ week: s.week, index: s.index, grade: s.grade, tags: s.tags })),
    events: input.tasks.filter((t) => t.customerId === customerId).flatMap((t) => eventsOf(t).map((e) => ({
      at: e.at, kind: e.kind === 'created' ? `created ${t.tag}` : e.kind, actor: e.actorId === null ? null : memberName.get(e.actorId) ?? null, note: e.note,
    }))).sort((a, b) => a.at.localeCompare(b.at)),
  });

  return {
    month: period.id,
    weeks: period.weeks,
    flags: { raised, customers: customersFlagged.size, byTag, byGrade, byTagGrade },
    tasks: { opened: opened.length, claimed: count(['claimed']), resolved: count(['done', 'recovered']), dismissed: count(['dismissed']), stillOpen, byRole },
    outcomes,
    interventions,
    recovered: namesWith('recovered'),
    relapsed: namesWith('relapsed'),
    lost: namesWith('lost'),
    cases: pickCases(outcomes).map((o) => ({
      kind: o.result === 'recovered' ? 'recovery' : 'miss', customer: o.customer, tag: o.tag, role: o.role, result: o.result,
      before: o.before, latest: o.after4w ?? o.after2w ?? o.atClose, story: story(o.customerId),
    })),
    trackRecord: {
      badOutcomes,
      flaggedBefore: badOutcomes.filter((b) => b.flaggedBefore).length,
      medianWeeksBefore: median(badOutcomes.flatMap((b) => (b.weeksBefore === null ? [] : [b.weeksBefore]))),
      recoveredWithoutAction,
    },
  };
}

/** Recovered / relapsed / lost / not recovered / still pending, from the outcome log. */
export function outcomeResult(t: Pick<FollowUpTask, 'closedAt' | 'indexAtClose' | 'indexAfter2w' | 'indexAfter4w'> & { createdWeek: WeekId }, bad: BadOutcome | undefined, below: number): OutcomeResult {
  if (bad && compareWeeks(bad.week, t.createdWeek) >= 0) return 'lost';
  const later = [t.indexAfter2w, t.indexAfter4w].filter((x): x is number => x !== null);
  const latest = later.at(-1);
  if (latest === undefined) return 'pending';
  const wasOut = [t.indexAtClose, ...later].some((x) => x !== null && x < below);
  if (latest < below) return 'recovered';
  return wasOut ? 'relapsed' : 'not_recovered';
}

// The three cases most worth discussing: the largest recovery, the worst miss, then the next largest
// movement of either kind.
function pickCases(outcomes: readonly OutcomeRow[]): OutcomeRow[] {
  const change = (o: OutcomeRow) => ((o.after4w ?? o.after2w ?? o.atClose ?? 0) - (o.before ?? 0));
  const recoveries = outcomes.filter((o) => o.result === 'recovered').sort((a, b) => change(a) - change(b));
  const misses = outcomes.filter((o) => o.result === 'lost' || o.result === 'relapsed' || o.result === 'not_recovered')
    .sort((a, b) => Number(b.result === 'lost') - Number(a.result === 'lost') || change(b) - change(a));
  const picked: OutcomeRow[] = [];
  const seen = new Set<number>();
  const take = (o: OutcomeRow | undefined) => {
    if (o && !seen.has(o.customerId) && picked.length < 3) {
      picked.push(o);
      seen.add(o.customerId);
    }
  };
  take(recoveries[0]);
  take(misses[0]);
  const rest = [...recoveries.slice(1), ...misses.slice(1)].sort((a, b) => Math.abs(change(b)) - Math.abs(change(a)));
  for (const o of rest) take(o);
  return picked;
}
