// The single source of database truth. drizzle-kit generates migrations/ from this file
// (`npm run db:generate`); never edit the generated SQL by hand, except to add a data move a
// migration needs (marked "Written by hand", e.g. 0008 copying platform ids into member_identities).
// Conventions: timestamps are ISO-8601 text (UTC), weeks are `YYYY-Www` text (sorts chronologically),
// dates are `YYYY-MM-DD` text, JSON columns are text holding JSON, booleans are 0/1 integers.
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const teams = sqliteTable('teams', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  locale: text('locale', { enum: ['zh', 'en'] }).notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('teams_name_uq').on(t.name)]);

export const members = sqliteTable('members', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  email: text('email').notNull(),
  role: text('role').notNull(),
  timezone: text('timezone'),
  locale: text('locale', { enum: ['zh', 'en'] }),
  awayUntil: text('away_until'),
}, (t) => [
  // Emails match case-insensitively: the unique key is on lower(email).
  uniqueIndex('members_team_email_uq').on(t.teamId, sql`lower(${t.email})`),
]);

/** Who a member is on each chat platform (matched by email); a platform user id belongs to one member. */
export const memberIdentities = sqliteTable('member_identities', {
  memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
  platform: text('platform').notNull(),
  userId: text('user_id').notNull(),
}, (t) => [
  primaryKey({ columns: [t.memberId, t.platform] }),
  index('member_identities_user_idx').on(t.platform, t.userId),
]);

/**
 * Where a team's digest, review and delivery notices go on each chat platform (the manager channel / group).
 * A team without a row on a platform uses the env's channel when it is the configured team (RADAR_TEAM_NAME).
 */
export const teamChannels = sqliteTable('team_channels', {
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  platform: text('platform').notNull(),
  channelId: text('channel_id').notNull(),
}, (t) => [
  primaryKey({ columns: [t.teamId, t.platform] }),
  // One channel belongs to one team: a click in it tells which team's digest it was.
  uniqueIndex('team_channels_channel_uq').on(t.platform, t.channelId),
]);

/** The other teams a director oversees (besides their own); owners oversee every team by role. */
export const memberTeamScopes = sqliteTable('member_team_scopes', {
  memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.memberId, t.teamId] }), index('member_team_scopes_team_idx').on(t.teamId)]);

export const customers = sqliteTable('customers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** normalizeName(name) from src/core/team.ts: the matching key. */
  nameKey: text('name_key').notNull(),
  aliases: text('aliases').notNull().default('[]'),
  ownerRepId: integer('owner_rep_id').references(() => members.id, { onDelete: 'set null' }),
  industry: text('industry'),
  region: text('region'),
  tier: text('tier', { enum: ['key', 'normal'] }).notNull().default('normal'),
  since: text('since'),
}, (t) => [
  uniqueIndex('customers_team_name_uq').on(t.teamId, t.nameKey),
  index('customers_owner_idx').on(t.ownerRepId),
  // The radar's segments (industry and region, then industry): their customers without a scan.
  index('customers_segment_idx').on(t.teamId, t.industry, t.region),
]);

export const reports = sqliteTable('reports', {
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  week: text('week').notNull(),
  repId: integer('rep_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
  submittedAt: text('submitted_at'),
  late: integer('late', { mode: 'boolean' }).notNull().default(false),
}, (t) => [primaryKey({ columns: [t.teamId, t.week, t.repId] })]);

export const entries = sqliteTable('entries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  week: text('week').notNull(),
  repId: integer('rep_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  // One column per template field (src/core/weekly-report/template.ts).
  contacts: integer('contacts'),
  lastContact: text('last_contact'),
  revenue: real('revenue'),
  receivable: real('receivable'),
  overdueDays: integer('overdue_days'),
  collected: real('collected'),
  paymentTermDays: integer('payment_term_days'),
  complaints: integer('complaints'),
  complaintType: text('complaint_type'),
  requirementChanges: integer('requirement_changes'),
  faults: integer('faults'),
  usage: text('usage'),
  stage: text('stage'),
  expectedClose: text('expected_close'),
  health: text('health'),
  notes: text('notes'),
  source: text('source', { enum: ['chat', 'import'] }).notNull(),
  // 1 = the rep said "no change / 本周无变化": last week's values carried (overdue days aged, flows empty).
  // The scorer reads such a week like a missing report, except that payment ageing continues.
  carried: integer('carried', { mode: 'boolean' }).notNull().default(false),
  updatedAt: text('updated_at').notNull(),
  // Custom field values (config template.custom) as a JSON object keyed by field id; null = none.
  custom: text('custom'),
}, (t) => [
  uniqueIndex('entries_week_rep_customer_uq').on(t.week, t.repId, t.customerId),
  index('entries_team_week_idx').on(t.teamId, t.week),
  index('entries_customer_week_idx').on(t.customerId, t.week),
]);

export const scores = sqliteTable('scores', {
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  week: text('week').notNull(),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  riskIndex: real('risk_index').notNull(),
  grade: text('grade', { enum: ['A', 'B'] }),
  tags: text('tags').notNull(),
  reasons: text('reasons').notNull(),
  dimensions: text('dimensions').notNull(),
  delta: real('delta'),
  weeksInRed: integer('weeks_in_red').notNull(),
  hasData: integer('has_data', { mode: 'boolean' }).notNull(),
  /** Fingerprint of the scoring settings the row was computed with; another fingerprint means stale. */
  settingsHash: text('settings_hash'),
}, (t) => [
  // The primary key doubles as the (team, week) index.
  primaryKey({ columns: [t.teamId, t.week, t.customerId] }),
  index('scores_customer_week_idx').on(t.customerId, t.week),
  // The red flags of a week (about 1% of rows): the dashboard and charts read them without touching
  // the other 99% and their JSON.
  index('scores_flagged_idx').on(t.teamId, t.week, t.grade).where(sql`${t.grade} IS NOT NULL`),
]);

// The scorer's input rows of one week (entries' scoring columns), packed by column: a cache of `entries`
// kept in step with the scores. Written when the week's scores are computed, dropped with them whenever
// entries of that week or earlier change (ScoreRepo.invalidateFrom), and checked against the week's
// entry count and id sum before use. Scoring a week reads the earlier weeks of its window from here
// instead of 25 weeks of rows (src/storage/repos/score-inputs.codec.ts has the format).
export const scoreInputs = sqliteTable('score_inputs', {
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  week: text('week').notNull(),
  /** The week's entry count and the sum of their ids when packed: a changed row set does not match. */
  rows: integer('rows').notNull(),
  idSum: integer('id_sum').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
}, (t) => [primaryKey({ columns: [t.teamId, t.week] })]);

export const tasks = sqliteTable('tasks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  tag: text('tag').notNull(),
  role: text('role').notNull(),
  assigneeId: integer('assignee_id').references(() => members.id, { onDelete: 'set null' }),
  ownerRole: text('owner_role', { enum: ['director', 'manager'] }).notNull(),
  grade: text('grade', { enum: ['A', 'B'] }).notNull(),
  state: text('state').notNull(),
  createdWeek: text('created_week').notNull(),
  dueDate: text('due_date').notNull(),
  snoozedUntil: text('snoozed_until'),
  closedAt: text('closed_at'),
  closeNote: text('close_note'),
  indexAtClose: real('index_at_close'),
  indexAfter2w: real('index_after_2w'),
  indexAfter4w: real('index_after_4w'),
  escalated: integer('escalated', { mode: 'boolean' }).notNull().default(false),
  // A dismissal holds until this date (else routing.dismissal.holdWeeks) unless the problem worsens.
  dismissedUntil: text('dismissed_until'),
}, (t) => [
  index('tasks_team_state_idx').on(t.teamId, t.state),
  // At most one active task per (customer, tag), enforced by the database.
  uniqueIndex('tasks_active_customer_tag_uq').on(t.customerId, t.tag)
    .where(sql`${t.state} in ('open', 'claimed', 'snoozed')`),
]);

// kind: created | claimed | resolved | dismissed | snoozed | reopened | escalated | … and `progress`: a weekly
// follow-up update from the weekly report or the task DM, with `note` = the short text, `status` =
// in_progress | resolved | blocked, `blocker` = who or what blocks it (status blocked only), `week` = the
// report week it speaks for (at most one progress event per task, actor and week: a resubmit replaces it).
export const taskEvents = sqliteTable('task_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  actorId: integer('actor_id').references(() => members.id, { onDelete: 'set null' }),
  at: text('at').notNull(),
  note: text('note'),
  status: text('status', { enum: ['in_progress', 'resolved', 'blocked'] }),
  blocker: text('blocker'),
  week: text('week'),
}, (t) => [index('task_events_task_idx').on(t.taskId)]);

export const settings = sqliteTable('settings', {
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  value: text('value').notNull(),
}, (t) => [primaryKey({ columns: [t.teamId, t.key] })]);

/** Every change to the stored settings (CLI or chat): who, when, the key, old and new JSON values. */
export const settingsChanges = sqliteTable('settings_changes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  /** JSON; null when the key had no stored value (the config file's or the default applied). */
  oldValue: text('old_value'),
  newValue: text('new_value'),
  actor: text('actor').notNull(),
  at: text('at').notNull(),
  /** Set on the change that undid another one: the id it undid. */
  undoOf: integer('undo_of'),
}, (t) => [index('settings_changes_team_idx').on(t.teamId, t.id)]);

export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  platform: text('platform').notNull(),
  op: text('op', { enum: ['send', 'update'] }).notNull(),
  destination: text('destination').notNull(),
  card: text('card').notNull(),
  updateOf: text('update_of'),
  /** A send posted in the thread of the message sent under this key (delivered after it). */
  threadOf: text('thread_of'),
  state: text('state', { enum: ['pending', 'sent', 'failed'] }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: text('next_attempt_at').notNull(),
  inFlightSince: text('in_flight_since'),
  /** The delivery worker holding the message (several bot replicas drain one outbox), until `leaseUntil`. */
  leaseOwner: text('lease_owner'),
  leaseUntil: text('lease_until'),
  lastError: text('last_error'),
  messageRef: text('message_ref'),
  createdAt: text('created_at').notNull(),
  sentAt: text('sent_at'),
  failedAt: text('failed_at'),
}, (t) => [
  uniqueIndex('outbox_key_uq').on(t.key),
  index('outbox_state_next_idx').on(t.state, t.nextAttemptAt),
  index('outbox_team_failed_idx').on(t.teamId, t.failedAt),
]);

export const jobRuns = sqliteTable('job_runs', {
  teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
  week: text('week').notNull(),
  step: text('step').notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
}, (t) => [primaryKey({ columns: [t.teamId, t.week, t.step] })]);

export const inboundEvents = sqliteTable('inbound_events', {
  key: text('key').primaryKey(),
  at: text('at').notNull(),
}, (t) => [index('inbound_events_at_idx').on(t.at)]);
