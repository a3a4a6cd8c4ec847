// Follow-up tasks over time: open/escalate/recover them from a week's scores, and apply the
// claim/resolve/snooze actions people take, recording every change as an event.
import { teamSettings } from '../settings/team-settings.js';
import type { CustomerScore } from '../../core/customer-risk/types.js';
import type { FollowUpTask } from '../../core/follow-up/task.js';
import { ACTIVE_STATES } from '../../core/follow-up/task.js';
import { planFollowUps } from '../../core/follow-up/plan-tasks.js';
import { collaboratorsFor } from '../../core/follow-up/assignees.js';
import { applyTaskCommand, wakeSnoozed, type TaskCommand, type TransitionResult } from '../../core/follow-up/task-state.js';
import type { Member } from '../../core/team.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../context.js';
import { teamNow } from '../context.js';
import { AppError, TEAM_NOT_FOUND } from '../shared/app-error.js';

export interface FollowUpSync {
  created: FollowUpTask[];
  /** Dismissed tasks raised again this week (their event says why). */
  reopened: FollowUpTask[];
  escalated: FollowUpTask[];
  recovered: FollowUpTask[];
  woken: FollowUpTask[];
}

/**
 * Bring tasks in line with the week's scores, in one transaction. Safe to run again for the same
 * week: one active task per (customer, tag) means a second run creates nothing new.
 */
export function syncFollowUps(ctx: AppContext, teamId: number, week: WeekId, scores: readonly CustomerScore[]): FollowUpSync {
  const { repos } = ctx;
  const team = repos.teams.getTeam(teamId);
  if (!team) throw new AppError('team_not_found', `team ${teamId} not found`, { userMessage: TEAM_NOT_FOUND });
  const { now, today } = teamNow(ctx, team.timezone);
  return repos.transaction(() => {
    const woken = wakeSnoozed(repos.tasks.listTasks(teamId, { states: ['snoozed'] }), today, now);
    for (const change of woken) {
      repos.tasks.updateTask(change.task);
      repos.tasks.addEvent(change.event);
    }
    const plan = planFollowUps({
      teamId,
      week,
      today,
      now,
      scores,
      customers: repos.customers.listCustomers(teamId),
      members: repos.teams.listMembers(teamId),
      activeTasks: repos.tasks.listTasks(teamId, { states: ACTIVE_STATES }),
      closedTasks: repos.tasks.listTasks(teamId, { states: ['done', 'dismissed'] })
        .filter((t) => t.indexAfter4w === null),
      dismissedTasks: repos.tasks.listTasks(teamId, { states: ['dismissed'] }),
      overdueDaysA: teamSettings(ctx, teamId).scoring.hardTriggers.overdueDaysA,
      config: teamSettings(ctx, teamId).routing,
      locale: team.locale,
    });
    // A reopened dismissal first: its (customer, tag) becomes active again before anything else is stored.
    for (const change of plan.reopen) {
      repos.tasks.updateTask(change.task);
      repos.tasks.addEvent(change.event);
    }
    const created = plan.create.map((draft) => {
      const task = repos.tasks.insertTask(draft);
      repos.tasks.addEvent({ taskId: task.id, kind: 'created', actorId: null, at: now, note: `grade ${task.grade}, week ${week}` });
      return task;
    });
    for (const change of [...plan.escalate, ...plan.recovered]) {
      repos.tasks.updateTask(change.task);
      repos.tasks.addEvent(change.event);
    }
    for (const outcome of plan.outcomes) repos.tasks.updateTask(outcome.task);
    return {
      created,
      reopened: plan.reopen.map((c) => c.task),
      escalated: plan.escalate.map((c) => c.task),
      recovered: plan.recovered.map((c) => c.task),
      woken: woken.map((c) => c.task),
    };
  });
}

/**
 * Who may act on a task: its assignee, anyone with its role, the collaborators its routing names (the
 * owning rep of an overdue customer), and managers, directors, owners.
 */
export function canActOnTask(ctx: AppContext, member: Member, task: FollowUpTask): boolean {
  if (member.teamId !== task.teamId) return false;
  if (member.role === 'manager' || member.role === 'director' || member.role === 'owner') return true;
  if (task.assigneeId === member.id || task.role === member.role) return true;
  const customer = ctx.repos.customers.getCustomer(task.customerId);
  return collaboratorsFor(task, customer, ctx.repos.teams.listMembers(task.teamId), teamSettings(ctx, task.teamId).routing).includes(member.id);
}

/** Apply a person's command to a task and store it with its event. */
export function actOnTask(ctx: AppContext, actor: Member, taskId: number, command: TaskCommand): TransitionResult | { ok: false; notFound: true } | { ok: false; forbidden: true } {
  const { repos } = ctx;
  const task = repos.tasks.getTask(taskId);
  if (!task) return { ok: false, notFound: true };
  if (!canActOnTask(ctx, actor, task)) return { ok: false, forbidden: true };
  const team = repos.teams.getTeam(task.teamId);
  const { now, today } = teamNow(ctx, team?.timezone ?? 'UTC');
  const latest = repos.scores.scoreHistory(task.customerId, task.createdWeek, '9999-W99').at(-1);
  const result = applyTaskCommand(task, command, { now, today, index: latest?.index ?? null });
  if (result.ok) {
    repos.transaction(() => {
      repos.tasks.updateTask(result.task);
      repos.tasks.addEvent(result.event);
    });
  }
  return result;
}
