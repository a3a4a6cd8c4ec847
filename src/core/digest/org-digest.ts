// The organisation's digest for directors and owners who look across teams: every team's headline for
// the week, and the A-grade customers of all of them, highest index first. Built from the teams' own
// digests, so every number is the one that team's managers see.
import type { LocalizedText } from '../i18n.js';
import type { TagId } from '../customer-risk/types.js';
import type { WeekId } from '../weekly-report/week.js';
import type { TeamDigest } from './digest.types.js';

export interface OrgTeamHeadline {
  teamId: number;
  teamName: string;
  customers: number;
  gradeA: number;
  gradeB: number;
  newFlags: number;
  reps: number;
  submitted: number;
  missing: number;
  openTasks: number;
  overdueTasks: number;
  resolved: number;
  /** Revenue booked this week (成交额). */
  revenue: number;
}

export interface OrgFlag {
  teamId: number;
  teamName: string;
  customerId: number;
  customerName: string;
  index: number;
  delta: number | null;
  weeksInRed: number;
  tags: TagId[];
  reasons: LocalizedText[];
  repName: string | null;
  /** Active follow-ups on the customer. */
  tasks: number;
}

export interface OrgDigestModel {
  week: WeekId;
  /** In the order given (the viewer's own team first). */
  teams: OrgTeamHeadline[];
  /** A-grade customers of every team, highest index first. */
  gradeA: OrgFlag[];
  totals: Omit<OrgTeamHeadline, 'teamId' | 'teamName'>;
}

const headlineOf = (teamName: string, d: TeamDigest): OrgTeamHeadline => ({
  teamId: d.teamId,
  teamName,
  customers: d.counts.customers,
  gradeA: d.counts.gradeA,
  gradeB: d.counts.gradeB,
  newFlags: d.counts.newFlags,
  reps: d.counts.reps,
  submitted: d.counts.submitted,
  missing: d.counts.missing,
  openTasks: d.counts.openTasks,
  overdueTasks: d.counts.overdueTasks,
  resolved: d.counts.resolved,
  revenue: d.totals.revenue,
});

export function buildOrgDigest(week: WeekId, teams: ReadonlyArray<{ name: string; digest: TeamDigest }>): OrgDigestModel {
  const headlines = teams.map((t) => headlineOf(t.name, t.digest));
  const gradeA = teams.flatMap(({ name, digest }) => digest.flags.filter((f) => f.grade === 'A').map((f): OrgFlag => ({
    teamId: digest.teamId,
    teamName: name,
    customerId: f.customerId,
    customerName: f.customerName,
    index: f.index,
    delta: f.delta,
    weeksInRed: f.weeksInRed,
    tags: f.tags,
    reasons: f.reasons,
    repName: f.rep?.name ?? null,
    tasks: f.tasks.length,
  })));
  gradeA.sort((a, b) => b.index - a.index || a.teamName.localeCompare(b.teamName) || a.customerId - b.customerId);
  const sum = (key: keyof Omit<OrgTeamHeadline, 'teamId' | 'teamName'>) => headlines.reduce((n, h) => n + h[key], 0);
  const totals = {
    customers: sum('customers'), gradeA: sum('gradeA'), gradeB: sum('gradeB'), newFlags: sum('newFlags'), reps: sum('reps'),
    submitted: sum('submitted'), missing: sum('missing'), openTasks: sum('openTasks'), overdueTasks: sum('overdueTasks'),
    resolved: sum('resolved'), revenue: sum('revenue'),
  };
  return { week, teams: headlines, gradeA, totals };
}
