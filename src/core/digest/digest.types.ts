// The digest model: what managers see for one team and week. Plain JSON (`radar digest --json`).
import type { LocalizedText } from '../i18n.js';
import type { PlatformIdentity, Role } from '../team.js';
import type { Grade, TagId } from '../customer-risk/types.js';
import type { TaskState } from '../follow-up/task.js';
import type { WeekId } from '../weekly-report/week.js';

/** A member as views need them: name plus platform ids for mentions. */
export interface DigestPerson {
  id: number;
  name: string;
  role: Role;
  identities: readonly PlatformIdentity[];
}

export interface DigestTask {
  id: number;
  customerId: number;
  customerName: string;
  tag: TagId;
  role: Role;
  grade: Grade;
  ownerRole: 'director' | 'manager';
  state: TaskState;
  assignee: DigestPerson | null;
  /** People told about the task besides the assignee (e.g. the owning rep on overdue). */
  collaborators: DigestPerson[];
  createdWeek: WeekId;
  dueDate: string;
  /** Active and past its due date. */
  overdue: boolean;
  snoozedUntil: string | null;
  closedAt: string | null;
  closeNote: string | null;
  escalated: boolean;
  /** The latest weekly progress reported on the task (weekly report or task DM), if any. */
  progress?: { week: WeekId; status: 'in_progress' | 'resolved' | 'blocked'; note: string | null; blocker: string | null } | null;
  /** Active, and no progress for the last two reports (weeks) since it was opened or last updated. */
  noProgress?: boolean;
}

export interface DigestFlag {
  customerId: number;
  customerName: string;
  grade: Grade;
  index: number;
  delta: number | null;
  weeksInRed: number;
  tags: TagId[];
  /** Top reasons (at most 3), primary first, quoting the numbers. */
  reasons: LocalizedText[];
  rep: DigestPerson | null;
  /** Active tasks of this customer, primary tag first. */
  tasks: DigestTask[];
  /** The task buttons act on: the one for the primary tag, else the first active task. */
  primaryTaskId: number | null;
}

export interface DigestRepRow {
  rep: DigestPerson;
  customers: number;
  entries: number;
  submitted: boolean;
  /** Submitted with no customer filled ("submitted, empty"). */
  empty: boolean;
  /** Entries that are "no change" carries of last week. */
  carried: number;
  late: boolean;
  away: boolean;
  revenue: number;
  flags: number;
}

export interface TrendPoint {
  week: WeekId;
  flagged: number;
  avgIndex: number;
}

export interface DigestCounts {
  customers: number;
  flagged: number;
  gradeA: number;
  gradeB: number;
  /** Flagged this week for the first time in a row (weeksInRed = 1). */
  newFlags: number;
  reps: number;
  submitted: number;
  /** Of `submitted`, reports with no customer filled. */
  submittedEmpty: number;
  missing: number;
  unreachable: number;
  openTasks: number;
  overdueTasks: number;
  resolved: number;
}

export interface DigestModel {
  teamId: number;
  week: WeekId;
  today: string;
  counts: DigestCounts;
  /** Highest index first. */
  flags: DigestFlag[];
  /** Reps who have not submitted this week (away members excluded). */
  missingReports: DigestPerson[];
  /** Reps away this week (not counted as missing). */
  away: DigestPerson[];
  /** Members the bot cannot reach (no platform id). */
  unreachable: DigestPerson[];
  /** Active tasks created in earlier weeks; overdue ones first. */
  carriedTasks: DigestTask[];
  /** Tasks closed (done, dismissed, recovered) this week. */
  resolved: DigestTask[];
  reps: DigestRepRow[];
  totals: { revenue: number; entries: number };
  /** Flag count and average index per week, ascending (last 8 weeks), when given. */
  trend: TrendPoint[];
}

/**
 * The digest of one team and week before any platform is named: built once, then each platform adds its
 * own "cannot reach" list (`withUnreachable` in build-digest.ts) to make the DigestModel it shows.
 */
export type TeamDigest = Omit<DigestModel, 'counts' | 'unreachable'> & {
  counts: Omit<DigestCounts, 'unreachable'>;
  /** Every member, by name: who each platform cannot reach is decided over them. */
  members: DigestPerson[];
};
