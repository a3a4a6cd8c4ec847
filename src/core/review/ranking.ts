// The team ranking (排行榜): per rep, how reliably they report and how their follow-ups and revenue
// go. Pure: the app hands in report statuses, entries and tasks; nothing here reads storage.
import type { WeekId } from '../weekly-report/week.js';
import { addWeeks, compareWeeks } from '../weekly-report/week.js';
import type { Period } from './period.js';

export interface RankingReport {
  repId: number;
  week: WeekId;
  submittedAt: string | null;
  late: boolean;
}

export interface RankingTask {
  customerId: number;
  assigneeId: number | null;
  state: string;
  /** ISO timestamp (its date part is the team's local date). */
  closedAt: string | null;
  indexAtClose: number | null;
  indexAfter2w: number | null;
  indexAfter4w: number | null;
}

export interface RankingInput {
  period: Period;
  previous: Period;
  reps: ReadonlyArray<{ id: number; email: string; name: string }>;
  /** Every report status of the team up to the period's end (older ones make the streak). */
  reports: readonly RankingReport[];
  /** Revenue per entry in the previous period and this one. */
  revenue: ReadonlyArray<{ repId: number; week: WeekId; revenue: number | null }>;
  tasks: readonly RankingTask[];
  /** Owning rep of each customer. */
  owners: ReadonlyMap<number, number | null>;
  /** The team's first reported week: weeks before it are not expected of anyone. */
  firstWeek: WeekId | null;
  /** An outcome below this index (grade B) counts as recovered. */
  recoveredBelow: number;
}

export const RANKING_COLUMNS = ['submission', 'onTime', 'streak', 'followUps', 'recovery', 'revenue', 'revenueChange'] as const;
export type RankingColumn = (typeof RANKING_COLUMNS)[number];

/** Which columns show, and whether the ranking goes to the manager channel or only to managers by DM. */
export interface RankingSettings {
  columns: RankingColumn[];
  audience: 'channel' | 'managers';
}

export const DEFAULT_RANKING_SETTINGS: RankingSettings = { columns: [...RANKING_COLUMNS], audience: 'channel' };

export interface RankingRow {
  rank: number;
  /** The rep's email: the stable key. */
  rep: string;
  name: string;
  repId: number;
  /** Weeks of the period expected of this rep (from their first report or the team's). */
  weeks: number;
  /** Weeks with a submitted report. */
  submitted: number;
  /** Weeks submitted before the deadline. */
  onTime: number;
  submissionRate: number | null;
  onTimeRate: number | null;
  /** Consecutive on-time weeks ending at the period's last week. */
  streak: number;
  followUpsResolved: number;
  recovered: number;
  /** Resolved follow-ups whose customer is out of the red at the latest reading (0..1). */
  recoveryRate: number | null;
  revenue: number;
  revenuePrevious: number;
  /** (revenue − previous) / previous; null without revenue before, or when history does not cover the period before. */
  revenueChange: number | null;
}

const rate = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);
const inRange = (date: string, p: Period) => date >= p.from && date <= p.to;

/** The latest outcome reading of a closed task: +4 weeks, else +2 weeks, else at close. */
export const latestOutcome = (t: Pick<RankingTask, 'indexAtClose' | 'indexAfter2w' | 'indexAfter4w'>): number | null =>
  t.indexAfter4w ?? t.indexAfter2w ?? t.indexAtClose;

export function computeRanking(input: RankingInput): RankingRow[] {
  const { period, previous } = input;
  const lastWeek = period.weeks.at(-1)!;
  const byRep = new Map<number, Map<WeekId, RankingReport>>();
  const firstOfRep = new Map<number, WeekId>();
  for (const r of input.reports) {
    if (r.submittedAt === null || compareWeeks(r.week, lastWeek) > 0) continue;
    let m = byRep.get(r.repId);
    if (!m) byRep.set(r.repId, (m = new Map()));
    m.set(r.week, r);
    const f = firstOfRep.get(r.repId);
    if (!f || compareWeeks(r.week, f) < 0) firstOfRep.set(r.repId, r.week);
  }
  // One pass over the entries: revenue per rep in this period and the one before.
  const curWeeks = new Set(period.weeks);
  const prevWeeks = new Set(previous.weeks);
  const money = new Map<number, { cur: number; prev: number }>();
  for (const e of input.revenue) {
    const inCur = curWeeks.has(e.week);
    if (!inCur && !prevWeeks.has(e.week)) continue;
    let m = money.get(e.repId);
    if (!m) money.set(e.repId, (m = { cur: 0, prev: 0 }));
    if (inCur) m.cur += e.revenue ?? 0;
    else m.prev += e.revenue ?? 0;
  }
  // A change against a period the history does not fully cover would compare with nothing.
  const previousCovered = input.firstWeek !== null && compareWeeks(previous.weeks[0]!, input.firstWeek) >= 0;
  const resolved = input.tasks.filter((t) => t.state === 'done' && t.closedAt !== null && inRange(t.closedAt.slice(0, 10), period));
  const rows = input.reps.map((rep): Omit<RankingRow, 'rank'> => {
    const reports = byRep.get(rep.id) ?? new Map<WeekId, RankingReport>();
    const start = [input.firstWeek, firstOfRep.get(rep.id) ?? null].filter((w): w is WeekId => w !== null).sort().at(-1) ?? null;
    const expected = period.weeks.filter((w) => start !== null && compareWeeks(w, start) >= 0);
    const submitted = expected.filter((w) => reports.has(w)).length;
    const onTime = expected.filter((w) => reports.get(w)?.late === false).length;
    let streak = 0;
    // Back from the last week while on time; the rep's history before the period counts too.
    const weeks = [...reports.keys()].sort().reverse();
    let expect = lastWeek;
    for (const w of weeks) {
      if (w !== expect || reports.get(w)!.late) break;
      streak += 1;
      // The calendar week before (a week without a report breaks the streak).
      expect = addWeeks(w, -1);
    }
    // A follow-up counts for the rep it was assigned to and for the rep owning the customer.
    const mine = resolved.filter((t) => t.assigneeId === rep.id || input.owners.get(t.customerId) === rep.id);
    const withReading = mine.filter((t) => latestOutcome(t) !== null);
    const recovered = withReading.filter((t) => latestOutcome(t)! < input.recoveredBelow).length;
    const revenue = Math.round((money.get(rep.id)?.cur ?? 0) * 100) / 100;
    const revenuePrevious = Math.round((money.get(rep.id)?.prev ?? 0) * 100) / 100;
    return {
      rep: rep.email, name: rep.name, repId: rep.id, weeks: expected.length, submitted, onTime,
      submissionRate: rate(submitted, expected.length), onTimeRate: rate(onTime, expected.length), streak,
      followUpsResolved: mine.length, recovered, recoveryRate: rate(recovered, withReading.length),
      revenue, revenuePrevious, revenueChange: previousCovered && revenuePrevious > 0 ? Math.round(((revenue - revenuePrevious) / revenuePrevious) * 1000) / 1000 : null,
    };
  });
  rows.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || (b.submissionRate ?? -1) - (a.submissionRate ?? -1)
    || b.streak - a.streak || b.followUpsResolved - a.followUpsResolved || b.revenue - a.revenue || a.rep.localeCompare(b.rep));
  return rows.map((r, i) => ({ rank: i + 1, ...r }));
}
