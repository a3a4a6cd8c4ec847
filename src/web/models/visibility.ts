// Who sees which customers on the dashboard: the same rule as in chat (canSeeCustomer), computed for a
// whole book at once. Managers, directors and owners see every customer; a rep their own; anyone else
// the customers whose active follow-ups are routed to them.
import type { Member } from '../../core/team.js';
import { canSeeAllCustomers } from '../../core/team.js';
import { ACTIVE_STATES, type FollowUpTask } from '../../core/follow-up/task.js';
import type { AppContext } from '../../app/context.js';

export type Visibility = { all: true } | { all: false; ids: ReadonlySet<number> };

/** `activeTasks`: the team's active follow-ups when the caller has them (else they are read). */
export function visibleCustomers(ctx: AppContext, member: Member, activeTasks?: readonly FollowUpTask[]): Visibility {
  if (canSeeAllCustomers(member.role)) return { all: true };
  const ids = new Set(ctx.repos.customers.customersOfRep(member.id).filter((c) => c.teamId === member.teamId).map((c) => c.id));
  for (const t of activeTasks ?? ctx.repos.tasks.listTasks(member.teamId, { states: ACTIVE_STATES })) {
    if (!ACTIVE_STATES.includes(t.state)) continue;
    if (t.assigneeId === member.id || t.role === member.role) ids.add(t.customerId);
  }
  return { all: false, ids };
}

export const canSee = (v: Visibility, customerId: number): boolean => v.all || v.ids.has(customerId);

/** Team-wide pictures (heat map, portfolio, who has not submitted, the team page) are for those who see everything. */
export const seesTeam = (member: Member): boolean => canSeeAllCustomers(member.role);

/** The customers a member owns (a rep's book): the scope of their own charts, named after them. */
export function ownCustomers(ctx: AppContext, member: Member): { customerIds: ReadonlySet<number>; owner: string } {
  const ids = ctx.repos.customers.customersOfRep(member.id).filter((c) => c.teamId === member.teamId).map((c) => c.id);
  return { customerIds: new Set(ids), owner: member.name };
}
