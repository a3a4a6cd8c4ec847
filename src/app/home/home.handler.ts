// App Home: a rep's week at a glance, or the team summary for managers.

import { homeCard } from './home.view.js';
import { digestModel, prepareDigestWeek } from '../digest/digest.service.js';
import { reachableOn, withUnreachable } from '../../core/digest/build-digest.js';
import { reportPromptModel } from '../weekly-report/report.service.js';
import { ensureScored } from '../scoring/scoring.service.js';
import { teamNow } from '../context.js';
import { ownsTask } from '../follow-up/task-card.service.js';
import type { Interaction } from '../interaction/interaction-context.js';
import { currentReportWeek, isManagerial } from '../interaction/interaction-context.js';
import { digestWeek } from '../interaction/source-card.js';
import { teamRanking } from '../review/ranking.service.js';
import { ownRankingText } from '../review/review.view.js';
import { teamTagLabels } from '../shared/view-text.js';
import { homeCharts } from './home-charts.js';
import { answer, type Answer } from '../answer.js';

export function handleHome(i: Interaction): Answer {
  const ctx = i;
  if (isManagerial(i.member)) {
    const week = digestWeek(i) ?? currentReportWeek(i.app, i.team);
    const names = new Map(ctx.repos.customers.listCustomers(i.team.id).map((c) => [c.id, c.name]));
    const today = teamNow(ctx, i.team.timezone).today;
    const tasks = ctx.repos.tasks.listTasks(i.team.id, { states: ['open', 'claimed'] })
      .filter((t) => ownsTask(i.member, t))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id)
      .map((t) => ({ id: t.id, customerName: names.get(t.customerId) ?? '', tag: t.tag, dueDate: t.dueDate, overdue: t.dueDate < today }));
    const charts = homeCharts(i, week);
    prepareDigestWeek(ctx, i.team.id, week);
    const digest = withUnreachable(digestModel(ctx, i.team.id, week), reachableOn());
    return answer.reply(homeCard({ kind: 'manager', viewerName: i.member.name, digest, tasks, charts }, i.locale, teamTagLabels(ctx.settings)));
  }
  const week = currentReportWeek(i.app, i.team);
  const report = reportPromptModel(ctx, i.member, week);
  const scoredWeek = digestWeek(i);
  const names = new Map(ctx.repos.customers.listCustomers(i.team.id).map((c) => [c.id, c]));
  const flagged = scoredWeek
    ? ensureScored(ctx, i.team.id, scoredWeek)
      .filter((s) => s.grade !== null && names.get(s.customerId)?.ownerRepId === i.member.id)
      .sort((a, b) => b.index - a.index)
      .map((s) => ({ customerId: s.customerId, name: names.get(s.customerId)?.name ?? '', grade: s.grade!, index: s.index, delta: s.delta, tags: s.tags }))
    : [];
  const today = teamNow(ctx, i.team.timezone).today;
  const tasks = ctx.repos.tasks.listTasks(i.team.id, { states: ['open', 'claimed'] })
    .filter((t) => t.assigneeId === i.member.id)
    .map((t) => ({ id: t.id, customerName: names.get(t.customerId)?.name ?? '', tag: t.tag, dueDate: t.dueDate, overdue: t.dueDate < today }));
  const card = homeCard({
    kind: 'rep', week, viewerName: i.member.name,
    report: { state: report.state, done: report.customers.filter((c) => c.saved).length, total: report.customers.length },
    flagged, tasks, charts: homeCharts(i, scoredWeek),
  }, i.locale, teamTagLabels(i.settings));
  // The rep's own ranking line ("11 weeks on time in a row"), never the others'.
  const ranking = scoredWeek ? teamRanking(ctx, i.team.id, { week: scoredWeek }) : null;
  const mine = ranking?.rows.find((r) => r.repId === i.member.id);
  const line = mine && ranking ? ownRankingText(mine, ranking.rows.length, i.locale) : null;
  return answer.reply(line ? { ...card, blocks: [...card.blocks, { type: 'note', text: [`🏆 ${line}`] }] } : card);
}
