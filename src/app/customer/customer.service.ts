// One customer's picture for the details card and for answers: score, trend, last entry, tasks, rep.
import { teamSettings } from '../settings/team-settings.js';
import { ACTIVE_STATES } from '../../core/follow-up/task.js';
import type { Customer, Member } from '../../core/team.js';
import { canSeeAllCustomers } from '../../core/team.js';
import { addWeeks, type WeekId } from '../../core/weekly-report/week.js';
import type { CustomerCardModel } from './customer.view.js';
import type { AppContext } from '../context.js';
import { storedScoreOf } from '../scoring/scoring.service.js';
import { ChartError, createChartsService } from '../charts/charts.service.js';
import type { Locale } from '../../core/i18n.js';
import type { ChartSpec } from '../../ui/chart.js';

const person = (m: Member | null) => (m ? { id: m.id, name: m.name, identities: m.identities } : null);

/** Reps see their own customers; managers, directors and owners all; others the customers routed to them. */
export function canSeeCustomer(ctx: AppContext, member: Member, customer: Customer): boolean {
  if (member.teamId !== customer.teamId) return false;
  if (canSeeAllCustomers(member.role) || customer.ownerRepId === member.id) return true;
  return ctx.repos.tasks.listTasks(member.teamId, { customerId: customer.id, states: ACTIVE_STATES })
    .some((t) => t.assigneeId === member.id || t.role === member.role);
}

/** The customer's trend and radar charts for `week` (none when that week has no reports). */
export function customerCharts(ctx: AppContext, customer: Customer, week: WeekId, locale: Locale): ChartSpec[] {
  const charts = createChartsService(ctx, customer.teamId);
  try {
    return [charts.trend(customer.id, week, locale), charts.radar(customer.id, week, locale)];
  } catch (err) {
    if (err instanceof ChartError) return [];
    throw err;
  }
}

export function customerCardModel(ctx: AppContext, customer: Customer, week: WeekId): CustomerCardModel {
  const { repos } = ctx;
  const score = storedScoreOf(ctx, customer, week);
  const members = new Map(repos.teams.listMembers(customer.teamId).map((m) => [m.id, m]));
  const last = repos.reports.lastEntryBefore(customer.id, addWeeks(week, 1));
  return {
    customer: { id: customer.id, name: customer.name, tier: customer.tier, industry: customer.industry, region: customer.region },
    week,
    score,
    history: repos.scores.scoreHistory(customer.id, addWeeks(week, -7), week)
      .map((s) => ({ week: s.week, index: s.index, grade: s.grade })),
    lastEntry: last ? { week: last.week, values: last.values, ...(last.custom ? { custom: last.custom } : {}) } : null,
    ...(teamSettings(ctx, customer.teamId).template.custom ? { customFields: teamSettings(ctx, customer.teamId).template.custom } : {}),
    openTasks: repos.tasks.listTasks(customer.teamId, { customerId: customer.id, states: ACTIVE_STATES })
      .map((task) => ({ task, assignee: person(task.assigneeId === null ? null : members.get(task.assigneeId) ?? null) })),
    rep: person(customer.ownerRepId === null ? null : members.get(customer.ownerRepId) ?? null),
  };
}
