// What the app needs from storage. src/storage implements it over SQLite; every method is set-based
// (no per-customer queries inside loops) so a 20,000-customer week scores in well under a second.
import type { EntryValues, CustomValues } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Customer, Member, Role, Team } from '../../core/team.js';
import type { CustomerScore, Dimension, Grade, PreviousScore, Tier } from '../../core/customer-risk/types.js';
import type { EntryRun } from '../../core/customer-risk/score-week.js';
import type { FollowUpTask, TaskEvent } from '../../core/follow-up/task.js';
import type { Locale } from '../../core/i18n.js';
import type { Platform } from './chat.port.js';
import type { InboundLog, JobRunRepo, OutboxRepo } from './delivery.port.js';

export interface StoredEntry {
  teamId: number;
  week: WeekId;
  repId: number;
  customerId: number;
  values: EntryValues;
  source: 'chat' | 'import';
  updatedAt: string;
  /** The rep said "no change": last week's values carried, not fresh evidence (see schema.ts). */
  carried?: boolean;
  /**
   * Values of the team's custom fields (config `template.custom`), keyed by field id. Reads always
   * set it ({} when none); a write without it stores none.
   */
  custom?: CustomValues;
}

/** An entry as the scorer reads it. `values.notes` is always null here. */
export interface ScoringRow {
  week: WeekId;
  customerId: number;
  repId: number;
  /** The template's values; `custom` (the custom fields' values) only when asked for and the entry has any. */
  values: EntryValues & { custom?: CustomValues };
  /** Set (true) only on carried "no change" entries. */
  carried?: boolean;
}

export interface ReportStatus {
  teamId: number;
  week: WeekId;
  repId: number;
  /** ISO timestamp, null while still a draft. */
  submittedAt: string | null;
  late: boolean;
}

export interface MemberInput {
  teamId: number;
  email: string;
  name: string;
  role: Role;
}

export interface CustomerInput {
  teamId: number;
  name: string;
  ownerRepId?: number | null;
  industry?: string | null;
  region?: string | null;
  tier?: Tier;
  since?: string | null;
  aliases?: string[];
}

export interface TeamRepo {
  ensureTeam(input: { name: string; timezone: string; locale: Locale }): Team;
  getTeam(teamId: number): Team | null;
  listTeams(): Team[];
  updateTeam(teamId: number, patch: Partial<Pick<Team, 'name' | 'timezone' | 'locale'>>): void;
  listMembers(teamId: number): Member[];
  getMember(memberId: number): Member | null;
  memberByEmail(teamId: number, email: string): Member | null;
  memberByPlatformId(platform: Platform, userId: string): Member | null;
  /** Insert, or update name/role of the member with that email (emails match case-insensitively). */
  upsertMember(input: MemberInput): Member;
  setPlatformId(memberId: number, platform: Platform, userId: string | null): void;
  setAway(memberId: number, until: string | null): void;
  /** The member's own timezone / language (undefined = keep). */
  setMemberPrefs(memberId: number, prefs: { timezone?: string | null; locale?: Locale | null }): void;
  getSetting<T>(teamId: number, key: string): T | null;
  setSetting(teamId: number, key: string, value: unknown): void;
  /** By name, trimmed and case-insensitively (`--team east` finds "East"). */
  teamByName(name: string): Team | null;
  /** The team's own manager channel on each platform it set one. */
  teamChannels(teamId: number): TeamChannel[];
  /** Set (or with null, clear) the team's manager channel on a platform; a channel belongs to one team. */
  setTeamChannel(teamId: number, platform: Platform, channelId: string | null): void;
  /** The team whose manager channel this is, or null. */
  teamOfChannel(platform: Platform, channelId: string): number | null;
  /** The teams a director oversees besides their own (scope rows; owners oversee all by role). */
  overseenTeams(memberId: number): number[];
  /** Replace the member's overseen teams. */
  setOverseenTeams(memberId: number, teamIds: readonly number[]): void;
}

export interface TeamChannel {
  platform: Platform;
  channelId: string;
}

export interface CustomerRepo {
  listCustomers(teamId: number): Customer[];
  getCustomer(customerId: number): Customer | null;
  /** By normalised name (trim, NFKC width folding, case folding). */
  customerByName(teamId: number, name: string): Customer | null;
  /** Insert, or update the attributes given (undefined = keep). */
  upsertCustomer(input: CustomerInput): Customer;
  customersOfRep(repId: number): Customer[];
  /** These customers (unknown ids are left out), in id order: one query however many. */
  customersByIds(ids: readonly number[]): Customer[];
}

export interface ReportRepo {
  /** Insert or replace the entry for (week, rep, customer). Returns true when anything changed. */
  upsertEntry(entry: Omit<StoredEntry, 'updatedAt'>, at: string): boolean;
  entriesForWeek(teamId: number, week: WeekId): StoredEntry[];
  /** All entries of the team in [from, to], ordered by week: one query for a whole scoring window. */
  entriesInRange(teamId: number, from: WeekId, to: WeekId): StoredEntry[];
  /**
   * What the scorer reads for [from, to], ordered by week: only the fields it uses (no notes, no
   * bookkeeping), so a 20,000-customer window loads fast.
   */
  /** `custom`: also read each entry's custom field values (for custom problem tags on custom fields). */
  scoringRowsInRange(teamId: number, from: WeekId, to: WeekId, options?: { custom?: boolean }): ScoringRow[];
  /**
   * The same rows as scoringRowsInRange (same rows, order and values), one EntryRun per week in [from, to]
   * that has entries, read by position without an object per row. Weeks are kept packed by column once read
   * (a cache dropped by ScoreRepo.invalidateFrom and checked against each week's entry count and id sum),
   * so scoring a week reads its window's earlier weeks packed and only changed weeks as rows.
   */
  scoringWeeks(teamId: number, from: WeekId, to: WeekId, options?: { custom?: boolean }): Map<WeekId, EntryRun>;
  /** Revenue per rep and week in [from, to] (null when no entry of that rep and week had any). */
  revenueByRepWeek(teamId: number, from: WeekId, to: WeekId): Array<{ repId: number; week: WeekId; revenue: number | null }>;
  /** Entries in [from, to] whose deal was lost or whose payment is `minOverdueDays`+ overdue, in week then entry order. */
  lostOrOverdueEntries(teamId: number, from: WeekId, to: WeekId, minOverdueDays: number): Array<{ week: WeekId; customerId: number; lost: boolean; overdueDays: number | null }>;
  /** Each customer's latest entry in [from, to] (one per customer; the latest update wins a tie). */
  latestEntries(teamId: number, from: WeekId, to: WeekId): StoredEntry[];
  /** One customer's entries in [from, to], ascending by week (several reps may report the same week). */
  customerEntries(customerId: number, from: WeekId, to: WeekId): StoredEntry[];
  /** The customer's latest entry strictly before `week`. */
  lastEntryBefore(customerId: number, week: WeekId): StoredEntry | null;
  reportStatuses(teamId: number, week: WeekId): ReportStatus[];
  /** Every report status in [from, to], ordered by week then rep: one query for a whole history. */
  reportStatusesInRange(teamId: number, from: WeekId, to: WeekId): ReportStatus[];
  markSubmitted(teamId: number, week: WeekId, repId: number, at: string, late: boolean): void;
  /** Weeks that have any entry, ascending. */
  weeksWithEntries(teamId: number): WeekId[];
  /** The team's earliest week with an entry (one index lookup), or null. */
  firstWeek(teamId: number): WeekId | null;
}

export interface ScoreRepo {
  /** Replace the scores of a week (all customers scored that week), stamped with the settings' fingerprint. */
  saveWeekScores(teamId: number, week: WeekId, scores: readonly CustomerScore[], settingsHash?: string | null): void;
  scoresForWeek(teamId: number, week: WeekId): CustomerScore[];
  /** The flagged scores of a week (grade A or B), highest index first: one indexed read of ~1% of the rows. */
  flaggedScoresForWeek(teamId: number, week: WeekId): CustomerScore[];
  /**
   * The settings fingerprint a stored week was scored with (a week is saved whole, under one), null for
   * a week stored without one, undefined when the week has no stored scores. One indexed row.
   */
  storedWeekHash(teamId: number, week: WeekId): string | null | undefined;
  /**
   * Customers per grade for each stored week in [from, to], ascending: the portfolio, from indexes only.
   * With `customerIds`, only those customers (a rep's own portfolio).
   */
  gradeCounts(teamId: number, from: WeekId, to: WeekId, customerIds?: readonly number[]): Array<{ week: WeekId; total: number; A: number; B: number }>;
  /** Index and grade of every customer for each week in [from, to], ascending by week: trends without the JSON. */
  indexHistory(teamId: number, from: WeekId, to: WeekId): Array<{ customerId: number; week: WeekId; index: number; grade: Grade | null }>;
  /** Per scored week in [from, to], ascending: customers scored, how many flagged (A or B), the sum of their indexes. */
  weekSummaries(teamId: number, from: WeekId, to: WeekId): Array<{ week: WeekId; scored: number; flagged: number; indexSum: number }>;
  /**
   * Index and grade per week in [from, to] of the customers graded A or B in some week of it, plus
   * `also`, ascending by week: the history a review reads, without the customers never in the red.
   */
  flaggedHistory(teamId: number, from: WeekId, to: WeekId, also: readonly number[]): Array<{ customerId: number; week: WeekId; index: number; grade: Grade | null }>;
  /** The little of a week's scores that next week's scoring needs (delta, weeks in red). */
  previousScores(teamId: number, week: WeekId): Array<PreviousScore & { customerId: number }>;
  scoreHistory(customerId: number, from: WeekId, to: WeekId): CustomerScore[];
  /** One customer's stored score of a week (one indexed row), or null. */
  customerScore(customerId: number, week: WeekId): CustomerScore | null;
  /**
   * How many of the week's other customers with data (`self` excluded) are in a segment (null
   * industry/region: any), and the per-dimension median of their sub-scores.
   */
  segmentMedians(teamId: number, week: WeekId, self: number, segment: { industry: string | null; region: string | null }): { customers: number; median: Record<Dimension, number> };
  /** Weeks with stored scores, ascending; with `settingsHash`, only weeks scored under those settings. */
  scoredWeeks(teamId: number, settingsHash?: string): WeekId[];
  /** Drop scores of `week` and later (their inputs changed), with the packed scorer inputs of those weeks. */
  invalidateFrom(teamId: number, week: WeekId): void;
}

export interface TaskRepo {
  getTask(taskId: number): FollowUpTask | null;
  /** The task in an active state (open/claimed/snoozed) for (customer, tag), if any. */
  activeTask(customerId: number, tag: string): FollowUpTask | null;
  listTasks(teamId: number, filter?: { states?: readonly string[]; customerId?: number }): FollowUpTask[];
  insertTask(task: Omit<FollowUpTask, 'id'>): FollowUpTask;
  updateTask(task: FollowUpTask): void;
  addEvent(event: TaskEvent): void;
  events(taskId: number): TaskEvent[];
  /** Store a weekly progress update, replacing the same person's earlier one for that task and week. */
  recordProgress(event: TaskEvent & { kind: 'progress'; week: string }): void;
  /** Progress events of these tasks, oldest first (one query for a whole digest). */
  progressEvents(taskIds: readonly number[]): TaskEvent[];
}

/** One recorded change of a stored setting. Values are JSON text; null = no stored value. */
export interface SettingsChange {
  id: number;
  teamId: number;
  key: string;
  oldValue: unknown;
  newValue: unknown;
  actor: string;
  at: string;
  /** The id of the change this one undid, if it is an undo. */
  undoOf: number | null;
}

export interface SettingsLogRepo {
  record(change: Omit<SettingsChange, 'id'>): SettingsChange;
  /** Oldest first. */
  list(teamId: number): SettingsChange[];
}

export interface Repositories {
  teams: TeamRepo;
  customers: CustomerRepo;
  reports: ReportRepo;
  scores: ScoreRepo;
  tasks: TaskRepo;
  settingsLog: SettingsLogRepo;
  outbox: OutboxRepo;
  jobRuns: JobRunRepo;
  inbound: InboundLog;
  /** Run `fn` in one SQLite transaction; nested calls join the outer one. */
  transaction<T>(fn: () => T): T;
  /** A private staging area for one import (see ImportStaging). */
  importStaging(): ImportStaging;
}

/**
 * One validated import record as staged: its rep and customer by number (the import numbers each distinct
 * (team, rep) and (team, customer) it meets, from 1), the entry values.
 */
export interface StagedEntry {
  week: WeekId;
  rep: number;
  customer: number;
  values: EntryValues;
  /** Custom field values; undefined: the record had no custom column, the stored values are kept. */
  custom?: CustomValues;
  /** The rep's "no change": last week's values carried (see entries.carried). */
  carried?: boolean;
}

export interface NewCustomer {
  /** The customer's number in the staged rows. */
  ref: number;
  teamId: number;
  name: string;
  ownerRepId: number | null;
  industry: string | null;
  region: string | null;
  tier: Tier;
  since: string | null;
}

export interface ImportApplyResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Per team: the earliest week whose entries changed (teams without a change are absent). */
  changedFrom: Map<number, WeekId>;
}

/**
 * Validated import records parked outside the book, in a private temporary database: adding to it takes
 * no lock on the book, so a long import holds the write lock only for the short final `apply`.
 */
export interface ImportStaging {
  /** Append rows (file order is kept: a later duplicate wins). */
  add(rows: readonly StagedEntry[]): void;
  /** First and last staged row (file order), null when nothing is staged. */
  seqRange(): { from: number; to: number } | null;
  /**
   * The members (with their team) and customers the staged numbers stand for (call inside the write
   * transaction that made them). A rep's team is the team of every staged entry of that rep.
   */
  setIds(reps: ReadonlyMap<number, { id: number; teamId: number }>, customers: ReadonlyMap<number, number>): void;
  /**
   * Inside the caller's write transaction: upsert the staged entries in [from, to] (an identical one is left
   * alone). `withCustom`: some staged row has custom columns (else the stored custom values are simply kept).
   */
  apply(now: string, seq: { from: number; to: number }, withCustom: boolean): ImportApplyResult;
  /** Inside the caller's write transaction: mark each staged (team, week, rep) report submitted at `now` unless it already was. */
  markSubmitted(now: string): void;
  /**
   * Inside the caller's write transaction: insert new customers in one pass (an import can bring
   * thousands); returns their ids by number.
   */
  insertCustomers(rows: ReadonlyArray<NewCustomer>): Map<number, number>;
  /** Forget everything staged so far. */
  clear(): void;
  /** Drop the staging database. */
  close(): void;
}
