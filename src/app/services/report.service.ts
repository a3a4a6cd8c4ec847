// The rep's side of the weekly report: what to fill, the form for one customer, saving an entry,
// adding a customer, submitting the week. Every write invalidates that week's scores.
import type { EntryValues } from '../../core/weekly-report/template.js';
import { parseEntry, type FieldIssue } from '../../core/weekly-report/entry.schema.js';
import type { Customer, Member } from '../../core/team.js';
import { canSeeAllCustomers, cleanName } from '../../core/team.js';
import type { CustomerScore } from '../../core/customer-risk/types.js';
import { addWeeks, type WeekId } from '../../core/weekly-report/week.js';
import type { ReportStatus, StoredEntry } from '../ports/repositories.port.js';
import type { ReportPromptModel } from '../views/report-prompt.view.js';
import type { EntryFormModel } from '../views/entry-form.view.js';
import type { AppContext } from '../context.js';

/**
 * What every rep's card of a week is drawn from, loaded once for the whole team: a fan-out to hundreds of
 * reps must not re-read the team's entries per rep.
 */
export interface WeekSnapshot {
  week: WeekId;
  entries: StoredEntry[];
  lastWeekEntries: Map<number, EntryValues>;
  lastWeekScores: Map<number, CustomerScore>;
  statuses: Map<number, ReportStatus>;
  digestSent: boolean;
  customers: Map<number, Customer>;
}

export function loadWeekSnapshot(ctx: AppContext, teamId: number, week: WeekId): WeekSnapshot {
  const { repos } = ctx;
  const lastWeek = addWeeks(week, -1);
  return {
    week,
    entries: repos.reports.entriesForWeek(teamId, week),
    lastWeekEntries: new Map(repos.reports.entriesForWeek(teamId, lastWeek).map((e) => [e.customerId, e.values])),
    lastWeekScores: new Map(repos.scores.scoresForWeek(teamId, lastWeek).map((s) => [s.customerId, s])),
    statuses: new Map(repos.reports.reportStatuses(teamId, week).map((s) => [s.repId, s])),
    digestSent: repos.jobRuns.hasRun(teamId, week, 'digest'),
    customers: new Map(repos.customers.listCustomers(teamId).map((c) => [c.id, c])),
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
  const saved = new Set(snapshot.entries.filter((e) => e.repId === rep.id || snapshot.customers.get(e.customerId)?.ownerRepId === rep.id).map((e) => e.customerId));
  return {
    week,
    state: stateOf(snapshot, rep),
    submittedAt: snapshot.statuses.get(rep.id)?.submittedAt ?? null,
    customers: repCustomers(snapshot, rep)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
      .map((c) => {
        const score = snapshot.lastWeekScores.get(c.id);
        return {
          customerId: c.id,
          name: c.name,
          saved: saved.has(c.id),
          lastStage: snapshot.lastWeekEntries.get(c.id)?.stage ?? null,
          lastIndex: score?.index ?? null,
          lastGrade: score?.grade ?? null,
        };
      }),
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
  return {
    week,
    customer: { id: customer.id, name: customer.name },
    lastEntry: ctx.repos.reports.lastEntryBefore(customer.id, week)?.values ?? null,
    thisWeek: weekEntryOf(ctx, customer, week)?.values ?? null,
    template: ctx.settings.template,
  };
}

export type SaveResult = { ok: true; values: EntryValues } | { ok: false; issues: FieldIssue[] };

/** Validate and store one customer's entry; the week's scores are recomputed on next read. */
export function saveEntry(ctx: AppContext, member: Member, week: WeekId, customer: Customer, raw: Record<string, unknown>): SaveResult {
  const parsed = parseEntry(ctx.settings.template, raw);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const { repos } = ctx;
  // The entry belongs to the rep whose report it is: the existing one's, else the customer's owner.
  const repId = weekEntryOf(ctx, customer, week)?.repId ?? (member.role === 'rep' ? member.id : customer.ownerRepId ?? member.id);
  repos.transaction(() => {
    const changed = repos.reports.upsertEntry(
      { teamId: member.teamId, week, repId, customerId: customer.id, values: parsed.value, source: 'chat' },
      ctx.clock().toISOString(),
    );
    if (changed) repos.scores.invalidateFrom(member.teamId, week);
  });
  return { ok: true, values: parsed.value };
}

/** A customer the rep adds from the form: matched by name, else created and owned by the rep. */
export function findOrAddCustomer(ctx: AppContext, rep: Member, name: string): Customer {
  const existing = ctx.repos.customers.customerByName(rep.teamId, name);
  if (existing) return existing;
  return ctx.repos.customers.upsertCustomer({ teamId: rep.teamId, name: cleanName(name), ownerRepId: rep.id });
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
