// Who a routed role means for one customer: the owning rep, or the only member holding the role.
import type { Customer, Member, Role } from '../team.js';
import type { FollowUpTask } from './task.js';
import type { RoutingConfig } from './routing.js';
import { collaboratorRoles } from './routing.js';

/**
 * The concrete person for a role on a customer: the owning rep when the role is `rep`; otherwise the
 * only member with that role when there is exactly one; else null (the task waits to be claimed).
 */
export function assigneeFor(role: Role, customer: Pick<Customer, 'ownerRepId'> | null, members: readonly Member[]): number | null {
  if (role === 'rep') return customer?.ownerRepId ?? null;
  const holders = members.filter((m) => m.role === role);
  return holders.length === 1 ? holders[0]!.id : null;
}

/** Member ids told about a task besides its assignee (the collaborator roles of its tag), without duplicates. */
export function collaboratorsFor(
  task: Pick<FollowUpTask, 'tag' | 'assigneeId'>,
  customer: Pick<Customer, 'ownerRepId'> | null,
  members: readonly Member[],
  config: RoutingConfig,
): number[] {
  const out: number[] = [];
  for (const role of collaboratorRoles(config, task.tag)) {
    const id = assigneeFor(role, customer, members);
    if (id !== null && id !== task.assigneeId && !out.includes(id)) out.push(id);
  }
  return out;
}
