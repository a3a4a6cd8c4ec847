// The task card model (assignee DM) from storage.
import { teamSettings } from '../settings/team-settings.js';
import type { FollowUpTask } from '../../core/follow-up/task.js';
import type { Member } from '../../core/team.js';
import type { TaskCardModel } from './task.view.js';
import { teamTagLabels } from '../shared/view-text.js';
import type { AppContext } from '../context.js';
import { collaboratorsFor } from '../../core/follow-up/assignees.js';

const person = (m: Member | undefined | null) => (m ? { id: m.id, name: m.name, identities: m.identities } : null);

export function taskCardModel(ctx: AppContext, task: FollowUpTask): TaskCardModel {
  const { repos } = ctx;
  const customer = repos.customers.getCustomer(task.customerId);
  const members = new Map(repos.teams.listMembers(task.teamId).map((m) => [m.id, m]));
  const scores = repos.scores.scoreHistory(task.customerId, task.createdWeek, '9999-W53');
  const latest = scores.at(-1) ?? null;
  return {
    task,
    customer: { id: task.customerId, name: customer?.name ?? `#${task.customerId}` },
    score: latest ? { index: latest.index, grade: latest.grade, delta: latest.delta, reasons: latest.reasons } : null,
    assignee: person(task.assigneeId === null ? null : members.get(task.assigneeId)),
    rep: person(customer?.ownerRepId == null ? null : members.get(customer.ownerRepId)),
    history: repos.tasks.events(task.id).map((event) => ({ event, actor: event.actorId === null ? null : members.get(event.actorId)?.name ?? `#${event.actorId}` })),
    tagLabels: teamTagLabels(teamSettings(ctx, task.teamId)),
  };
}

/**
 * Who receives a task: its assignee (else everyone holding its role, so it is never unowned), plus the
 * collaborators its routing names (the owning rep on an overdue payment or a requirement churn).
 */
export function taskRecipients(ctx: AppContext, task: FollowUpTask): Member[] {
  const members = ctx.repos.teams.listMembers(task.teamId);
  const assignee = task.assigneeId === null ? undefined : members.find((m) => m.id === task.assigneeId);
  const byRole = members.filter((m) => m.role === task.role);
  const owners = assignee ? [assignee] : byRole.length > 0 ? byRole : members.filter((m) => m.role === task.ownerRole);
  const customer = ctx.repos.customers.getCustomer(task.customerId);
  const collaborators = collaboratorsFor(task, customer, members, teamSettings(ctx, task.teamId).routing)
    .flatMap((id) => members.find((m) => m.id === id) ?? []);
  // "A → the director follows up" in person: the directors get the A-grade task in their DM from the start
  // (an escalated task reaches them through its escalation notice instead).
  const directors = task.ownerRole === 'director' && !task.escalated ? members.filter((m) => m.role === 'director') : [];
  return [...new Map([...owners, ...collaborators, ...directors].map((m) => [m.id, m])).values()];
}

/** The follow-ups a member answers for: assigned to them, or owned by their role (directors own A-grade and escalated ones). */
export function ownsTask(member: Member, task: FollowUpTask): boolean {
  return task.teamId === member.teamId && (task.assigneeId === member.id || (member.role === 'director' && task.ownerRole === 'director'));
}

/**
 * Everyone who may hold a DM about the task: who it was sent to (its role's holders or the assignee of
 * the time, collaborators), who holds it now (a claimer), and the directors told of an escalation.
 */
export function taskAudience(ctx: AppContext, task: FollowUpTask): Member[] {
  const members = ctx.repos.teams.listMembers(task.teamId);
  const people = [...taskRecipients(ctx, task), ...members.filter((m) => m.role === task.role)];
  if (task.escalated) people.push(...escalationRecipients(ctx, task));
  return [...new Map(people.map((m) => [m.id, m])).values()];
}

/** Who hears of an escalation: the directors (the task's owners from now on), else the managers. */
export function escalationRecipients(ctx: AppContext, task: FollowUpTask): Member[] {
  const members = ctx.repos.teams.listMembers(task.teamId);
  const directors = members.filter((m) => m.role === 'director');
  return directors.length > 0 ? directors : members.filter((m) => m.role === 'manager');
}
