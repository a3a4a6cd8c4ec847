// The rep's side of the weekly report: what to fill, the form for one customer, saving an entry,
// adding a customer, submitting the week. Every write invalidates that week's scores.
import { teamSettings } from '../settings/team-settings.js';
import type { CustomValues, EntryValues, ReportTemplate } from '../../core/weekly-report/template.js';
import { carryCustomValues } from '../../core/weekly-report/template.js';
import { parseCustomValues, parseEntry } from '../../core/weekly-report/entry.schema.js';
import type { LocalizedText } from '../../core/i18n.js';
import type { Customer, Member } from '../../core/team.js';
import { canSeeAllCustomers, cleanName } from '../../core/team.js';
import type { CustomerScore } from '../../core/customer-risk/types.js';
import { addWeeks, type WeekId } from '../../core/weekly-report/week.js';
import { carriedEntry } from '../../core/weekly-report/carry.js';
import { ACTIVE_STATES, type FollowUpTask } from '../../core/follow-up/task.js';
import type { ReportStatus, StoredEntry } from '../ports/repositories.port.js';
import type { ReportPromptModel } from './report-prompt.view.js';
import type { EntryFormModel } from './entry-form.view.js';
import type { AppContext } from '../context.js';
import { teamTagLabels } from '../shared/view-text.js';

/**
 * What every rep's card of a week is drawn from, loaded once for the whole team: a fan-out to hundreds of
 * reps must not re-read the team's entries per rep.
 */
export interface WeekSnapshot {
  week: WeekId;
  entries: StoredEntry[];
  lastWeekEntries: Map<number, EntryValues>;
  /** Each customer's latest entry in the 4 weeks before `week`: what "no change" carries. */
  recentEntries: Map<number, StoredEntry>;
  lastWeekScores: Map<number, CustomerScore>;
  statuses: Map<number, ReportStatus>;
  digestSent: boolean;
  customers: Map<number, Customer>;
  /** Active follow-up tasks by customer, shown on the rep's card. */
  activeTasks: Map<number, FollowUpTask[]>;
}

/** How far back "no change" looks for the entry to carry; older than that, the rep should look again. */
export const CARRY_LOOKBACK_WEEKS = 4;

export function loadWeekSnapshot(ctx: AppContext, teamId: number, week: WeekId): WeekSnapshot {
  const { repos } = ctx;
  const lastWeek = addWeeks(week, -1);
  return {
    week,
    entries: repos.reports.entriesForWeek(teamId, week),
    lastWeekEntries: new Map(repos.reports.entriesForWeek(teamId, lastWeek).map((e) => [e.customerId, e.values])),
    recentEntries: new Map(repos.reports.latestEntries(teamId, addWeeks(week, -CARRY_LOOKBACK_WEEKS), lastWeek).map((e) => [e.customerId, e])),
    lastWeekScores: new Map(repos.scores.scoresForWeek(teamId, lastWeek).map((s) => [s.customerId, s])),
    statuses: new Map(repos.reports.reportStatuses(teamId, week).map((s) => [s.repId, s])),
    digestSent: repos.jobRuns.hasRun(teamId, week, 'digest'),
    customers: new Map(repos.customers.listCustomers(teamId).map((c) => [c.id, c])),
    activeTasks: groupBy(repos.tasks.listTasks(teamId, { states: ACTIVE_STATES }), (t) => t.customerId),
  };
}

function groupBy<T>(items: readonly T[], key: (t: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const GRADE_RANK = { A: 2, B: 1 } as const;

/**
 * Risk first: last week's flags (A before B), then by last week's index, then by name. The A-grade
 * customer is the first line a rep reads, not the tenth.
 */
function byRisk(snapshot: WeekSnapshot): (a: Customer, b: Customer) => number {
  const rank = (c: Customer) => {
    const s = snapshot.lastWeekScores.get(c.id);
    return { g: s?.grade ? GRADE_RANK[s.grade] : 0, i: s?.index ?? -1 };
  };
  return (a, b) => {
    const ra = rank(a), rb = rank(b);
    return rb.g - ra.g || rb.i - ra.i || a.name.localeCompare(b.name, 'zh');
  };
}

/**
 * open while filling (also after the digest for a rep who has not submitted: late reports are welcome),
 * submitted by the rep, closed once submitted and the digest is out.
 */
function stateOf(snapshot: WeekSnapshot, rep: Member): ReportPromptModel['state'] {
  if (!snapshot.statuses.get(rep.id)?.submittedAt) return 'open';
  return snapshot.digestSent ? 'closed' : 'submitted';
}

/** The rep's customers this week: owned ones plus any they filed an entry for. */
function repCustomers(snapshot: WeekSnapshot, rep: Member): Customer[] {
  const ids = new Set<number>();
  for (const c of snapshot.customers.values()) if (c.ownerRepId === rep.id) ids.add(c.id);
  for (const e of snapshot.entries) if (e.repId === rep.id) ids.add(e.customerId);
  return [...ids].flatMap((id) => snapshot.customers.get(id) ?? []);
}

export function reportPromptModel(ctx: AppContext, rep: Member, week: WeekId, snapshot = loadWeekSnapshot(ctx, rep.teamId, week)): ReportPromptModel {
  const mine = snapshot.entries.filter((e) => e.repId === rep.id || snapshot.customers.get(e.customerId)?.ownerRepId === rep.id);
  const saved = new Set(mine.map((e) => e.customerId));
  const carried = new Set(mine.filter((e) => e.carried).map((e) => e.customerId));
  return {
    week,
    state: stateOf(snapshot, rep),
    submittedAt: snapshot.statuses.get(rep.id)?.submittedAt ?? null,
    customers: repCustomers(snapshot, rep)
      .sort(byRisk(snapshot))
      .map((c) => {
        const score = snapshot.lastWeekScores.get(c.id);
        return {
          customerId: c.id,
          name: c.name,
          saved: saved.has(c.id),
          carried: carried.has(c.id),
          // "No change" needs something to carry: an entry in the last few weeks.
          canCarry: snapshot.recentEntries.has(c.id),
          lastStage: snapshot.lastWeekEntries.get(c.id)?.stage ?? null,
          lastIndex: score?.index ?? null,
          lastGrade: score?.grade ?? null,
          lastReason: score?.grade ? score.reasons[0] ?? null : null,
          openTasks: (snapshot.activeTasks.get(c.id) ?? []).map((t) => t.tag),
        };
      }),
    tagLabels: teamTagLabels(teamSettings(ctx, rep.teamId)),
  };
}

/** May this member file or see entries for this customer? Owners of the account and managers may. */
export function canEditCustomer(member: Member, customer: Customer): boolean {
  return member.teamId === customer.teamId && (customer.ownerRepId === member.id || canSeeAllCustomers(member.role));
}

/**
 * The entry a customer already has this week. The owning rep's wins; a manager editing it edits that
 * entry rather than adding a second one.
 */
function weekEntryOf(ctx: AppContext, customer: Customer, week: WeekId): StoredEntry | null {
  const entries = ctx.repos.reports.entriesForWeek(customer.teamId, week).filter((e) => e.customerId === customer.id);
  return entries.find((e) => e.repId === customer.ownerRepId) ?? entries[0] ?? null;
}

export function entryFormModel(ctx: AppContext, _member: Member, week: WeekId, customer: Customer): EntryFormModel {
  const last = ctx.repos.reports.lastEntryBefore(customer.id, week);
  const open = ctx.repos.tasks.listTasks(customer.teamId, { states: ['open', 'claimed'], customerId: customer.id });
  const progress = ctx.repos.tasks.progressEvents(open.map((t) => t.id)).filter((e) => e.week === week && e.actorId === _member.id);
  const thisWeek = weekEntryOf(ctx, customer, week);
  return {
    tasks: open.map((t) => {
      const p = progress.filter((e) => e.taskId === t.id).at(-1);
      return { id: t.id, tag: t.tag, thisWeek: p?.status ? { status: p.status, note: p.note, blocker: p.blocker ?? null } : null, tagLabels: teamTagLabels(teamSettings(ctx, customer.teamId)) };
    }),
    week,
    customer: { id: customer.id, name: customer.name },
    lastEntry: last?.values ?? null,
    lastEntryWeek: last?.week ?? null,
    lastCustom: last?.custom ?? null,
    thisWeek: thisWeek?.values ?? null,
    thisWeekCustom: thisWeek?.custom ?? null,
    template: teamSettings(ctx, customer.teamId).template,
  };
}

/** A form problem: the field id (built-in or custom, = the form field name) and what is expected. */
export interface FormIssue {
  field: string;
  message: LocalizedText;
}

/** Everything wrong with a submitted entry form: its built-in fields and the team's custom fields. */
export function entryFormIssues(template: ReportTemplate, raw: Record<string, unknown>): FormIssue[] {
  const entry = parseEntry(template, raw);
  const custom = parseCustomValues(template, raw);
  return [...(entry.ok ? [] : entry.issues), ...(custom.ok ? [] : custom.issues)];
}

export type SaveResult = { ok: true; values: EntryValues; custom: CustomValues | undefined } | { ok: false; issues: FormIssue[] };

/**
 * Hidden built-in fields are not on the form: they keep this week's stored value, else last week's
 * carried one (carry-over fields only, overdue days aged), else stay empty.
 */
function hiddenValues(ctx: AppContext, customer: Customer, week: WeekId, existing: StoredEntry | null, raw: Record<string, unknown>): Record<string, unknown> {
  const hidden = teamSettings(ctx, customer.teamId).template.fields.filter((f) => f.hidden && !(f.id in raw));
  if (hidden.length === 0) return {};
  const last = existing ? null : ctx.repos.reports.lastEntryBefore(customer.id, week);
  const from = existing?.values ?? (last ? carriedEntry(teamSettings(ctx, customer.teamId).template, last.values, last.week, week) : null);
  return Object.fromEntries(hidden.map((f) => [f.id, from?.[f.id] ?? null]));
}

/**
 * The custom values to store: the form's, plus stored values of fields the template no longer has (a
 * field removed from the config and added back finds its values). No custom fields: stored ones are kept.
 */
function customToStore(template: ReportTemplate, parsed: CustomValues, stored: CustomValues | undefined): CustomValues | undefined {
  if (!template.custom || template.custom.length === 0) return undefined;
  const known = new Set(template.custom.map((c) => c.id));
  const kept = Object.fromEntries(Object.entries(stored ?? {}).filter(([id]) => !known.has(id)));
  return { ...kept, ...parsed };
}

/** Validate and store one customer's entry (built-in and custom fields); the week's scores are recomputed on next read. */
export function saveEntry(ctx: AppContext, member: Member, week: WeekId, customer: Customer, raw: Record<string, unknown>): SaveResult {
  const template = teamSettings(ctx, member.teamId).template;
  const existing = weekEntryOf(ctx, customer, week);
  const parsed = parseEntry(template, { ...hiddenValues(ctx, customer, week, existing, raw), ...raw });
  const customParsed = parseCustomValues(template, raw);
  if (!parsed.ok || !customParsed.ok) return { ok: false, issues: [...(parsed.ok ? [] : parsed.issues), ...(customParsed.ok ? [] : customParsed.issues)] };
  const custom = customToStore(template, customParsed.value, existing?.custom);
  const { repos } = ctx;
  // The entry belongs to the rep whose report it is: the existing one's, else the customer's owner.
  const repId = existing?.repId ?? (member.role === 'rep' ? member.id : customer.ownerRepId ?? member.id);
  repos.transaction(() => {
    const changed = repos.reports.upsertEntry(
      { teamId: member.teamId, week, repId, customerId: customer.id, values: parsed.value, source: 'chat', ...(custom ? { custom } : {}) },
      ctx.clock().toISOString(),
    );
    if (changed) repos.scores.invalidateFrom(member.teamId, week);
  });
  return { ok: true, values: parsed.value, custom };
}

/** A customer the rep adds from the form: matched by name, else created and owned by the rep. */
export function findOrAddCustomer(ctx: AppContext, rep: Member, name: string): Customer {
  const existing = ctx.repos.customers.customerByName(rep.teamId, name);
  if (existing) return existing;
  return ctx.repos.customers.upsertCustomer({ teamId: rep.teamId, name: cleanName(name), ownerRepId: rep.id });
}

export type CarryResult = { ok: true; carried: number; skipped: number };

/**
 * "No change / 本周无变化" for some of the rep's customers: each one's latest entry of the last few weeks is
 * carried into `week` (stocks kept, overdue days aged while unpaid, flows unknown) and marked carried.
 * Customers already filled this week, or with nothing to carry, are left alone (counted as skipped).
 */
export function carryEntries(ctx: AppContext, rep: Member, week: WeekId, customerIds: readonly number[] | 'rest'): CarryResult {
  const snapshot = loadWeekSnapshot(ctx, rep.teamId, week);
  const model = reportPromptModel(ctx, rep, week, snapshot);
  const wanted = customerIds === 'rest' ? null : new Set(customerIds);
  let carried = 0, skipped = 0;
  ctx.repos.transaction(() => {
    for (const c of model.customers) {
      if (wanted && !wanted.has(c.customerId)) continue;
      const last = snapshot.recentEntries.get(c.customerId);
      const customer = snapshot.customers.get(c.customerId);
      if (c.saved || !last || !customer || !canEditCustomer(rep, customer)) {
        skipped++;
        continue;
      }
      const values = carriedEntry(teamSettings(ctx, rep.teamId).template, last.values, last.week, week);
      // Custom fields carry by the same rule as the form's pre-fill (customCarries).
      const custom = teamSettings(ctx, rep.teamId).template.custom?.length ? carryCustomValues(teamSettings(ctx, rep.teamId).template, last.custom) : undefined;
      const repId = rep.role === 'rep' ? rep.id : customer.ownerRepId ?? rep.id;
      const at = ctx.clock().toISOString();
      if (ctx.repos.reports.upsertEntry({ teamId: rep.teamId, week, repId, customerId: c.customerId, values, source: 'chat', carried: true, ...(custom ? { custom } : {}) }, at)) carried++;
    }
    if (carried > 0) ctx.repos.scores.invalidateFrom(rep.teamId, week);
  });
  return { ok: true, carried, skipped };
}

/** How many of the rep's customers have an entry this week (filled or carried). */
export function filledCount(ctx: AppContext, rep: Member, week: WeekId): number {
  return reportPromptModel(ctx, rep, week).customers.filter((c) => c.saved).length;
}

/**
 * Close the rep's week. After the digest went out the report still counts, marked late. Submitting
 * again changes nothing (an old reminder's button must not turn an on-time report into a late one).
 */
export function submitReport(ctx: AppContext, rep: Member, week: WeekId): { late: boolean; already: boolean } {
  const existing = ctx.repos.reports.reportStatuses(rep.teamId, week).find((s) => s.repId === rep.id);
  if (existing?.submittedAt) return { late: existing.late, already: true };
  const late = ctx.repos.jobRuns.hasRun(rep.teamId, week, 'digest');
  ctx.repos.reports.markSubmitted(rep.teamId, week, rep.id, ctx.clock().toISOString(), late);
  if (late) ctx.repos.scores.invalidateFrom(rep.teamId, week);
  return { late, already: false };
}
