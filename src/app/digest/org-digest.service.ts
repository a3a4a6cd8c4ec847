// The organisation digest of a week over a set of teams (a director's, or every team for an owner).
import { buildOrgDigest, type OrgDigestModel } from '../../core/digest/org-digest.js';
import type { Team } from '../../core/team.js';
import type { TeamDigest } from '../../core/digest/digest.types.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../context.js';
import { digestModel, prepareDigestWeek } from './digest.service.js';
import { teamTagLabels, type TagLabels } from '../shared/view-text.js';
import { forTeam, teamSettings } from '../settings/team-settings.js';

/**
 * Each team's digest of `week` under its own settings (scored first, as the team's digest is), then the
 * organisation's view of them. `prepare: false` when the teams' digest steps already did the writes.
 */
export function orgDigestModel(
  ctx: AppContext, teams: readonly Team[], week: WeekId,
  options: { prepare?: boolean; /** Teams' digests already read (several people's views share teams). */ digests?: Map<number, TeamDigest> } = {},
): OrgDigestModel {
  return buildOrgDigest(week, teams.map((team) => {
    const known = options.digests?.get(team.id);
    if (known) return { name: team.name, digest: known };
    const teamCtx = forTeam(ctx, team.id);
    if (options.prepare !== false) prepareDigestWeek(teamCtx, team.id, week);
    const digest = digestModel(teamCtx, team.id, week);
    options.digests?.set(team.id, digest);
    return { name: team.name, digest };
  }));
}

/** Each team's tag names, for the organisation digest's card. */
export const orgTagLabels = (ctx: AppContext) => (teamId: number): TagLabels => teamTagLabels(teamSettings(ctx, teamId));
