// The rep's side of the weekly report: what to fill, the form for one customer, saving an entry,
// adding a customer, submitting the week. Every write invalidates that week's scores.
import type { EntryValues } from '../../core/weekly-report/template.js';
import { parseEntry, type FieldIssue } from '../../core/weekly-report/entry.schema.js';
import type { Customer, Member } from '../../core/team.js';
import { canSeeAllCustomers } from '../../core/team.js';
import { addWeeks, type WeekId } from '../../core/weekly-report/week.js';
import type { ReportPromptModel } from '../views/report-prompt.view.js';
import type { EntryFormModel } from '../views/entry-form.view.js';
import type { AppContext } from '../context.js';

/** Report state of a rep's week: open while filling, submitted by the rep, closed once the digest is out. */
export function reportState(ctx: AppContext, rep: Member, week: WeekId): ReportPromptModel['state'] {
  if (ctx.repos.jobRuns.hasRun(rep.teamId, week, 'digest')) return 'closed';
  const status = ctx.repos.reports.reportStatuses(rep.teamId, week).find((s) => s.repId === rep.id);
  return status?.submittedAt ? 'submitted' : 'open';
}

/** The rep's customers this week: owned ones plus any they filed an entry for. */
export function repCustomers(ctx: AppContext, rep: Member, week: WeekId): Customer[] {
  const owned = ctx.repos.customers.customersOfRep(rep.id);
  const filed = ctx.repos.reports.entriesForWeek(rep.teamId, week).filter((e) => e.repId === rep.id);
  const ids = new Set(owned.map((c) => c.id));
  const extra = filed.filter((e) => !ids.has(e.customerId)).map((e) => ctx.repos.customers.getCustomer(e.customerId));
  return [...owned, ...extra.filter((c): c is Customer => c !== null)];
}

export function reportPromptModel(ctx: AppContext, rep: Member, week: WeekId): ReportPromptModel {
  const { repos } = ctx;
  const saved = new Set(repos.reports.entriesForWeek(rep.teamId, week).filter((e) => e.repId === rep.id).map((e) => e.customerId));
  const lastWeek = addWeeks(week, -1);
  const lastScores = new Map(repos.scores.scoresForWeek(rep.teamId, lastWeek).map((s) => [s.customerId, s]));
  const lastEntries = new Map(repos.reports.entriesForWeek(rep.teamId, lastWeek).map((e) => [e.customerId, e.values]));
  const status = repos.reports.reportStatuses(rep.teamId, week).find((s) => s.repId === rep.id);
  return {
    week,
    state: reportState(ctx, rep, week),
    submittedAt: status?.submittedAt ?? null,
    customers: repCustomers(ctx, rep, week)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
      .map((c) => {
        const score = lastScores.get(c.id);
        return {
          customerId: c.id,
          name: c.name,
          saved: saved.has(c.id),
          lastStage: lastEntries.get(c.id)?.stage ?? null,
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

export function entryFormModel(ctx: AppContext, rep: Member, week: WeekId, customer: Customer): EntryFormModel {
  const thisWeek = ctx.repos.reports.entriesForWeek(rep.teamId, week)
    .find((e) => e.customerId === customer.id && e.repId === rep.id)?.values ?? null;
  return {
    week,
    customer: { id: customer.id, name: customer.name },
    lastEntry: ctx.repos.reports.lastEntryBefore(customer.id, week)?.values ?? null,
    thisWeek,
    template: ctx.settings.template,
  };
}

export type SaveResult = { ok: true; values: EntryValues } | { ok: false; issues: FieldIssue[] };

/** Validate and store one customer's entry; the week's scores are recomputed on next read. */
export function saveEntry(ctx: AppContext, rep: Member, week: WeekId, customer: Customer, raw: Record<string, unknown>): SaveResult {
  const parsed = parseEntry(ctx.settings.template, raw);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const { repos } = ctx;
  repos.transaction(() => {
    const changed = repos.reports.upsertEntry(
      { teamId: rep.teamId, week, repId: rep.id, customerId: customer.id, values: parsed.value, source: 'chat' },
      ctx.clock().toISOString(),
    );
    if (changed) repos.scores.invalidateFrom(rep.teamId, week);
  });
  return { ok: true, values: parsed.value };
}

/** A customer the rep adds from the form: matched by name, else created and owned by the rep. */
export function findOrAddCustomer(ctx: AppContext, rep: Member, name: string): Customer {
  const existing = ctx.repos.customers.customerByName(rep.teamId, name);
  if (existing) return existing;
  return ctx.repos.customers.upsertCustomer({ teamId: rep.teamId, name: name.trim(), ownerRepId: rep.id });
}

/** Close the rep's week. After the digest went out the report still counts, marked late. */
export function submitReport(ctx: AppContext, rep: Member, week: WeekId): { late: boolean } {
  const late = ctx.repos.jobRuns.hasRun(rep.teamId, week, 'digest');
  ctx.repos.reports.markSubmitted(rep.teamId, week, rep.id, ctx.clock().toISOString(), late);
  if (late) ctx.repos.scores.invalidateFrom(rep.teamId, week);
  return { late };
}
