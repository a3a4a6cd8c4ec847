// The task card model (assignee DM) from storage.
import type { FollowUpTask } from '../../core/follow-up/task.js';
import type { Member } from '../../core/team.js';
import type { TaskCardModel } from '../views/task.view.js';
import type { AppContext } from '../context.js';

const person = (m: Member | undefined | null) => (m ? { id: m.id, name: m.name, slackUserId: m.slackUserId, feishuOpenId: m.feishuOpenId } : null);

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
  };
}

/** Who receives a task: its assignee, else everyone holding its role (so it is never unowned). */
export function taskRecipients(ctx: AppContext, task: FollowUpTask): Member[] {
  const members = ctx.repos.teams.listMembers(task.teamId);
  if (task.assigneeId !== null) {
    const assignee = members.find((m) => m.id === task.assigneeId);
    if (assignee) return [assignee];
  }
  const byRole = members.filter((m) => m.role === task.role);
  return byRole.length > 0 ? byRole : members.filter((m) => m.role === task.ownerRole);
}
