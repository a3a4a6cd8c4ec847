// Which teams a person sees: their own; a director also the teams they oversee; an owner every team.
import type { Member, Team } from '../../core/team.js';
import type { Repositories } from '../ports/repositories.port.js';

/** The teams in the member's view, their own first, then by id. */
export function teamsInScope(repos: Repositories, member: Pick<Member, 'id' | 'teamId' | 'role'>): Team[] {
  const all = repos.teams.listTeams();
  const own = all.filter((t) => t.id === member.teamId);
  if (member.role === 'owner') return [...own, ...all.filter((t) => t.id !== member.teamId)];
  if (member.role !== 'director') return own;
  const overseen = new Set(repos.teams.overseenTeams(member.id));
  return [...own, ...all.filter((t) => t.id !== member.teamId && overseen.has(t.id))];
}

/** Whether the member looks across several teams (and gets the organisation's digest). */
export const spansTeams = (repos: Repositories, member: Pick<Member, 'id' | 'teamId' | 'role'>): boolean => teamsInScope(repos, member).length > 1;
