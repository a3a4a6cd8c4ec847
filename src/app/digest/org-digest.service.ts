// The organisation digest of a week over a set of teams (a director's, or every team for an owner).
import { buildOrgDigest, type OrgDigestModel } from '../../core/digest/org-digest.js';
import type { Team } from '../../core/team.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../context.js';
import { digestModel, prepareDigestWeek } from './digest.service.js';
import { teamTagLabels, type TagLabels } from '../shared/view-text.js';
import { forTeam, teamSettings } from '../settings/team-settings.js';

/**
 * Each team's digest of `week` under its own settings (scored first, as the team's digest is), then the
 * organisation's view of them. `prepare: false` when the teams' digest steps already did the writes.
 */
export function orgDigestModel(ctx: AppContext, teams: readonly Team[], week: WeekId, options: { prepare?: boolean } = {}): OrgDigestModel {
  return buildOrgDigest(week, teams.map((team) => {
    const teamCtx = forTeam(ctx, team.id);
    if (options.prepare !== false) prepareDigestWeek(teamCtx, team.id, week);
    return { name: team.name, digest: digestModel(teamCtx, team.id, week) };
  }));
}

/** Each team's tag names, for the organisation digest's card. */
export const orgTagLabels = (ctx: AppContext) => (teamId: number): TagLabels => teamTagLabels(teamSettings(ctx, teamId));
