// After a team's digest goes out: the organisation digest for each director and owner who looks across
// teams, by DM, once every team in their view has had this week's digest (so nobody gets a half-empty
// one because teams in other timezones close later). Keyed per week and person: sent once.
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Member } from '../../core/team.js';
import type { TeamDigest } from '../../core/digest/digest.types.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, userIdOn } from '../radar-app.js';
import { memberLocale } from '../locale.js';
import { teamsInScope } from '../team/team-scope.js';
import { orgDigestModel, orgTagLabels } from './org-digest.service.js';
import { orgDigestCard } from './org-digest.view.js';

export const orgDigestKey = (week: WeekId, memberId: number, platform: string) => `org-digest:${week}:${memberId}:${platform}`;

/** Directors and owners of any team whose view spans several teams, including `teamId`. */
function overseersOf(app: RadarApp, teamId: number): Array<{ member: Member; teams: ReturnType<typeof teamsInScope> }> {
  const { repos } = app.ctx;
  return repos.teams.listTeams()
    .flatMap((t) => repos.teams.listMembers(t.id))
    .filter((m) => m.role === 'owner' || m.role === 'director')
    .map((member) => ({ member, teams: teamsInScope(repos, member) }))
    .filter(({ teams }) => teams.length > 1 && teams.some((t) => t.id === teamId));
}

/** Run inside the digest step of `teamId` (whose digest counts as sent). Returns the DMs queued. */
export function queueOrgDigests(app: RadarApp, teamId: number, week: WeekId): number {
  const { repos } = app.ctx;
  let queued = 0;
  // Each team's digest is read once, however many directors and owners look at it.
  const digests = new Map<number, TeamDigest>();
  for (const { member, teams } of overseersOf(app, teamId)) {
    const ready = teams.every((t) => t.id === teamId || repos.jobRuns.hasRun(t.id, week, 'digest'));
    if (!ready) continue;
    const platforms = app.platforms.filter(({ platform }) => userIdOn(platform, member) && !repos.outbox.byKey(orgDigestKey(week, member.id, platform)));
    if (platforms.length === 0) continue;
    const own = teams[0]!;
    const card = orgDigestCard(orgDigestModel(app.ctx, teams, week, { prepare: false, digests }), memberLocale(member, own), orgTagLabels(app.ctx));
    for (const { platform } of platforms) {
      const userId = userIdOn(platform, member)!;
      if (enqueueSend(app, { teamId: member.teamId, key: orgDigestKey(week, member.id, platform), platform, destination: { kind: 'user', userId }, card })) queued += 1;
    }
  }
  return queued;
}
